import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../../packages/cli/bin/accolade.js', import.meta.url));

export interface LogLine {
  level: string;
  event?: string;
  msg: string;
  [key: string]: unknown;
}

/** `accolade serve` as an operator runs it: a process, its JSON log lines, its signals. */
export class ServeProcess {
  readonly lines: LogLine[] = [];
  readonly stderrText: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readonly child: ChildProcess;
  private buffered = '';

  constructor(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
    this.child = spawn(process.execPath, [BIN, 'serve', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (chunk: string) => {
      this.buffered += chunk;
      let at: number;
      while ((at = this.buffered.indexOf('\n')) >= 0) {
        const line = this.buffered.slice(0, at);
        this.buffered = this.buffered.slice(at + 1);
        this.stderrText.push(line);
        try {
          this.lines.push(JSON.parse(line) as LogLine);
        } catch {
          // not a log line (a crash would print a stack): kept in stderrText
        }
      }
    });
    this.exited = new Promise((resolve) => this.child.on('exit', (code, signal) => resolve({ code, signal })));
  }

  get pid(): number {
    return this.child.pid!;
  }

  events(name: string): LogLine[] {
    return this.lines.filter((l) => l.event === name);
  }

  /** Wait until the log shows what `until` looks for; fail with the log's tail after `ms`. */
  async waitFor(until: (p: ServeProcess) => boolean, what: string, ms = 60_000): Promise<void> {
    const deadline = Date.now() + ms;
    while (!until(this)) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; log tail:\n${this.stderrText.slice(-15).join('\n')}`);
      if (this.child.exitCode !== null) throw new Error(`serve exited (${this.child.exitCode}) while waiting for ${what}:\n${this.stderrText.slice(-15).join('\n')}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async stop(): Promise<number | null> {
    this.child.kill('SIGTERM');
    return (await this.exited).code;
  }

  async kill(): Promise<void> {
    this.child.kill('SIGKILL');
    await this.exited;
  }
}
