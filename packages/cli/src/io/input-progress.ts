import type { CliIo } from './cli-io.js';
import type { ReadTally, ReadWatch } from './input-files.js';
import { Progress, duration, formatProgress } from './progress.js';
import { type LineInput, countLines } from './read-lines.js';

/**
 * The progress of reading one input, line by line: lines done of the
 * input's lines, the rate, the time left, the lines skipped (and what
 * `extra` adds, e.g. the awards so far). A regular file is counted first, in
 * a fraction of the time a run over it takes; a pipe has no total.
 */
export class InputProgress implements ReadWatch {
  readonly tally: ReadTally = { line: 0, skipped: 0 };
  private readonly started: number;

  private constructor(
    readonly progress: Progress,
    private readonly label: string,
    private readonly total: number | undefined,
    private readonly now: () => number,
    private readonly extra: () => { awards?: number },
  ) {
    this.started = now();
  }

  static async start(label: string, input: LineInput, io: CliIo, options: { enabled: boolean; extra?: () => { awards?: number } }): Promise<InputProgress> {
    const total = options.enabled && input.regularFile ? await countLines(input.name).catch(() => undefined) : undefined;
    const now = io.now ?? Date.now;
    const progress = new Progress(io, { now, drawAtOnce: true, enabled: options.enabled });
    return new InputProgress(progress, label, total, now, options.extra ?? (() => ({})));
  }

  private seconds(): number {
    return (this.now() - this.started) / 1000;
  }

  line(): string {
    return formatProgress({
      label: this.label, done: this.tally.line, ...(this.total === undefined ? {} : { total: this.total }),
      unit: 'lines', rateUnit: 'lines/s', elapsedSeconds: this.seconds(), skipped: this.tally.skipped, ...this.extra(),
    });
  }

  /** After each item read. */
  tick(): void {
    this.progress.update(() => this.line());
  }

  /** The input read to its end: a log that showed the run going on shows its end too; a terminal's line is wiped. */
  finish(): void {
    // Blank lines at the end are read too, though no message came of them.
    if (this.total !== undefined) this.tally.line = this.total;
    this.progress.finish(this.progress.logged ? `${this.line()}; done in ${duration(this.seconds())}` : undefined);
  }

  /** The run stopped: the terminal's line is wiped for the error that follows. */
  stop(): void {
    this.progress.clear();
  }
}
