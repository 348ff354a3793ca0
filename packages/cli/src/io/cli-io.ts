/** Where the CLI writes: injectable so tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress is redrawn in place there, written as lines elsewhere). */
  stderrIsTty: boolean;
  /** Standard input, for an input file given as `-`; taken only when asked for (a process reading no input leaves it alone). */
  stdin?: () => AsyncIterable<Buffer | string | Uint8Array>;
  /** The clock progress is timed by (default `Date.now`): tests drive it. */
  now?: () => number;
}

export const processIo: CliIo = {
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
  stderrIsTty: process.stderr.isTTY === true,
  stdin: () => process.stdin,
};

/** A problem with how the command was called or with its input files: exit code 2. */
export class UsageError extends Error {}
