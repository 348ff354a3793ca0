/** Where the CLI writes: injectable so tests can run commands in-process. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal (progress is shown only there). */
  stderrIsTty: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
  stderrIsTty: process.stderr.isTTY === true,
};

/** A problem with how the command was called or with its input files: exit code 2. */
export class UsageError extends Error {}
