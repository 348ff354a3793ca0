import { execFileSync } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The server binaries of the machine's PostgreSQL (Debian keeps them out of PATH). */
function bin(name: string): string {
  const root = '/usr/lib/postgresql';
  const version = readdirSync(root).sort().at(-1);
  if (version === undefined) throw new Error(`no PostgreSQL server under ${root}`);
  return join(root, version, 'bin', name);
}

const asRoot = process.getuid?.() === 0;

/**
 * A PostgreSQL cluster of the test's own, on its own port and folder, that
 * the test may stop and start (never the machine's main one). PostgreSQL
 * refuses to run as root, so as root it runs as the postgres user.
 */
export class ThrowawayPostgres {
  private constructor(readonly dir: string, readonly port: number) {}

  static create(): ThrowawayPostgres {
    const dir = mkdtempSync(join(tmpdir(), 'accolade-pg-'));
    if (asRoot) chownSync(dir, Number(execFileSync('id', ['-u', 'postgres']).toString().trim()), Number(execFileSync('id', ['-g', 'postgres']).toString().trim()));
    const pg = new ThrowawayPostgres(dir, 20_000 + Math.floor(Math.random() * 20_000));
    pg.run('initdb', ['-D', join(dir, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync']);
    pg.start();
    return pg;
  }

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  start(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-l', join(this.dir, 'log'), '-w', '-o', `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off`, 'start']);
  }

  stop(): void {
    this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'fast', '-w', 'stop']);
  }

  destroy(): void {
    try { this.stop(); } catch { /* already stopped */ }
    rmSync(this.dir, { recursive: true, force: true });
  }

  private run(name: string, args: string[]): void {
    const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin(name), ...args]] : [bin(name), args];
    execFileSync(command as string, argv as string[], { stdio: 'pipe' });
  }
}

/** Close the service's broker connection from the broker's side, as an operator (or a failover) would. */
export function closeConnectionsOf(pid: number): number {
  // The client properties hold the connection_name; the pid column is in the form close_connection takes.
  const listed = execFileSync('rabbitmqctl', ['-q', 'list_connections', 'pid', 'client_properties', '--no-table-headers']).toString();
  const ours = listed.split('\n').filter((line) => line.includes(`"accolade serve (pid ${pid})"`)).map((line) => line.split('\t'));
  for (const [connection] of ours) execFileSync('rabbitmqctl', ['-q', 'close_connection', connection!.trim(), 'accolade test: connection closed by the broker']);
  return ours.length;
}
