import type { CliIo } from './cli-io.js';

/** `1h 02m`, `3m 07s`, `12s`. */
export function duration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600) return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  if (s >= 60) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${s}s`;
}

export interface ProgressCounts {
  /** What is running: `backfill`, `replay`, `history`. */
  label: string;
  done: number;
  /** Unknown for standard input. */
  total?: number;
  /** Plural: `messages`, `lines`. */
  unit: string;
  /** Per second: `msg/s`, `lines/s`. */
  rateUnit: string;
  elapsedSeconds: number;
  awards?: number;
  skipped?: number;
}

const n = (value: number): string => value.toLocaleString('en-US');

/** The progress line of every long command: done (of total, the share), the rate, what is left, the awards so far. */
export function formatProgress(c: ProgressCounts): string {
  const rate = c.elapsedSeconds > 0 ? c.done / c.elapsedSeconds : 0;
  const of = c.total === undefined ? '' : ` of ${n(c.total)}`;
  const share = c.total !== undefined && c.total > 0 ? ` (${((100 * c.done) / c.total).toFixed(1)} %)` : '';
  const eta = c.total !== undefined && rate > 0 && c.total > c.done ? `, ETA ${duration((c.total - c.done) / rate)}` : '';
  const awards = c.awards === undefined ? '' : `, ${n(c.awards)} award${c.awards === 1 ? '' : 's'}`;
  const skipped = c.skipped === undefined || c.skipped === 0 ? '' : `, ${n(c.skipped)} skipped`;
  return `${c.label}: ${n(c.done)}${of} ${c.unit}${share}, ${n(Math.round(rate))} ${c.rateUnit}${eta}${awards}${skipped}`;
}

export interface ProgressOptions {
  /** The clock (tests drive it). */
  now?: () => number;
  /** Between two lines: redrawn this often on a terminal, written this often elsewhere. */
  everyMs?: number;
  /** On a terminal, draw at the first update rather than one interval in. */
  drawAtOnce?: boolean;
  /** False: say nothing (`--no-progress`). */
  enabled?: boolean;
}

/**
 * Progress on stderr for a command that may run for minutes, often under CI
 * or nohup: on a terminal one line redrawn in place, elsewhere a line
 * written every `everyMs` (so a short run writes nothing, and a log shows
 * a long one moving). Call `clear` before writing to stdout, so that output
 * going to the same terminal does not land on the end of the line.
 */
export class Progress {
  private last: number;
  private shown = false;
  private written = 0;
  private readonly now: () => number;
  private readonly everyMs: number;
  private readonly enabled: boolean;

  constructor(private readonly io: CliIo, options: ProgressOptions = {}) {
    this.now = options.now ?? Date.now;
    this.everyMs = options.everyMs ?? (io.stderrIsTty ? 250 : 5_000);
    this.enabled = options.enabled ?? true;
    this.last = options.drawAtOnce === true && io.stderrIsTty ? -Infinity : this.now();
  }

  update(line: () => string): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.last < this.everyMs) return;
    this.last = t;
    if (this.io.stderrIsTty) {
      this.io.stderr(`\r\x1b[2K${line()}`);
      this.shown = true;
    } else {
      this.io.stderr(`${line()}\n`);
      this.written++;
    }
  }

  /** Wipe the line off the terminal; a later update draws it again. */
  clear(): void {
    if (!this.shown) return;
    this.io.stderr('\r\x1b[2K');
    this.shown = false;
  }

  /** True once a line has been written off a terminal: the run was long enough for a log to want its end too. */
  get logged(): boolean {
    return this.written > 0;
  }

  /** Wipe the line, and write `line` (when given) for good. */
  finish(line?: string): void {
    this.clear();
    if (line !== undefined && this.enabled) this.io.stderr(`${line}\n`);
  }
}

/** `1 message`, `2 messages`. */
export const count = (value: number, noun: string): string => `${value} ${noun}${value === 1 ? '' : 's'}`;
