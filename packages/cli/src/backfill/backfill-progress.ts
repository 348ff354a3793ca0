import type { CliIo } from '../io/cli-io.js';

/** `1h 02m`, `3m 07s`, `12s`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

/** The progress line: done of total, the share, the rate, what is left, the awards so far. */
export function progressLine(done: number, total: number, awards: number, elapsedSeconds: number): string {
  const rate = elapsedSeconds > 0 ? done / elapsedSeconds : 0;
  const share = total > 0 ? ` (${((100 * done) / total).toFixed(1)} %)` : '';
  const eta = rate > 0 && total > done ? `, ETA ${duration((total - done) / rate)}` : '';
  return `backfill: ${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} messages${share}, ${Math.round(rate).toLocaleString('en-US')} msg/s${eta}, ${awards.toLocaleString('en-US')} awards`;
}

/**
 * A backfill runs for minutes or hours, often under CI or nohup: on a
 * terminal the line is redrawn, elsewhere a line is written every
 * `everyMs` so a log shows it moving.
 */
export class BackfillProgress {
  private last: number;
  private shown = false;

  constructor(private readonly io: CliIo, private readonly now: () => number = Date.now, private readonly everyMs = io.stderrIsTty ? 250 : 10_000) {
    this.last = now();
  }

  tick(line: () => string): void {
    const t = this.now();
    if (t - this.last < this.everyMs) return;
    this.last = t;
    if (this.io.stderrIsTty) {
      this.io.stderr(`\r\x1b[2K${line()}`);
      this.shown = true;
    } else {
      this.io.stderr(`${line()}\n`);
    }
  }

  /** Before stdout output on the same terminal. */
  clear(): void {
    if (!this.shown) return;
    this.io.stderr('\r\x1b[2K');
    this.shown = false;
  }

  finish(line: string): void {
    this.clear();
    this.io.stderr(`${line}\n`);
  }
}
