import type { CliIo } from './cli-io.js';

/** A one-line counter on stderr, redrawn at most a few times a second; only on a terminal. */
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

  done(): void {
    if (this.shown) this.io.stderr('\r\x1b[2K');
  }
}
