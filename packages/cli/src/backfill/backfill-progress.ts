import type { CliIo } from '../io/cli-io.js';
import { Progress, duration, formatProgress } from '../io/progress.js';

export { duration };

/** The progress line: done of total, the share, the rate, what is left, the awards so far. */
export function progressLine(done: number, total: number, awards: number, elapsedSeconds: number): string {
  return formatProgress({ label: 'backfill', done, total, unit: 'messages', rateUnit: 'msg/s', elapsedSeconds, awards });
}

/**
 * A backfill runs for minutes or hours, often under CI or nohup: on a
 * terminal the line is redrawn, elsewhere a line is written every
 * `everyMs` so a log shows it moving.
 */
export class BackfillProgress extends Progress {
  constructor(io: CliIo, now: () => number = Date.now, options: { everyMs?: number; enabled?: boolean } = {}) {
    super(io, { now, everyMs: options.everyMs ?? (io.stderrIsTty ? 250 : 10_000), enabled: options.enabled ?? true });
  }

  tick(line: () => string): void {
    this.update(line);
  }

  override finish(line: string): void {
    super.finish(line);
  }
}
