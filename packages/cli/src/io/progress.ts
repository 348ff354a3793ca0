import type { CliIo } from './cli-io.js';

/**
 * A one-line counter on stderr, redrawn at most a few times a second; only
 * on a terminal. Call `clear` before writing to stdout, so that output
 * going to the same terminal does not land on the end of the counter.
 */
export class Progress {
  private last = 0;
  private shown = false;
  constructor(private readonly io: CliIo, private readonly intervalMs = 200) {}

  update(text: () => string): void {
    if (!this.io.stderrIsTty) return;
    const now = Date.now();
    if (now - this.last < this.intervalMs) return;
    this.last = now;
    this.shown = true;
    this.io.stderr(`\r\x1b[2K${text()}`);
  }

  /** Wipe the counter off its line; a later update draws it again. */
  clear(): void {
    if (!this.shown) return;
    this.io.stderr('\r\x1b[2K');
    this.shown = false;
  }

  done(): void {
    this.clear();
  }
}

/** `1 message`, `2 messages`. */
export const count = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;
