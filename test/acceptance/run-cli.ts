import { execFile } from 'node:child_process';
import { cpSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { pgliteTemplate } from '../../packages/postgres/src/testing/pglite-template.js';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = fileURLToPath(new URL('../../packages/cli/bin/accolade.js', import.meta.url));

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the built `accolade` binary as a user would, in `cwd`. */
export function runCli(args: readonly string[], cwd = ROOT): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [BIN, ...args], { cwd, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') { reject(error); return; }
      resolve({ code: error ? (error.code as number) : 0, stdout, stderr });
    });
  });
}

export const fixture = (...parts: string[]): string => fileURLToPath(new URL(`../fixtures/${parts.join('/')}`, import.meta.url));

/**
 * `pglite:<dir>`, an empty database as PGlite's initdb leaves it, copied
 * from the run's template (see test/setup/pglite-template.ts) so that the CLI
 * opens it in about a second instead of running initdb for seconds more. The
 * accolade tables are not in it: the command under test creates them. Without
 * the template (outside the test run's setup) the folder is left for the CLI to create.
 */
export function emptyPgliteStore(dir: string): string {
  const template = pgliteTemplate();
  if (template !== null) cpSync(template.dataDir, dir, { recursive: true });
  return `pglite:${dir}`;
}
