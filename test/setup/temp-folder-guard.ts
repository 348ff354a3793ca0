import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Vitest globalSetup: every test of the run (and every CLI process a test starts,
 * which inherits the environment) gets a fresh, empty TMPDIR. At teardown the
 * folder must be empty again: a test that leaves a file or folder behind fails
 * the run, by name, instead of filling the machine's /tmp run after run.
 * The folder is removed either way.
 */
export default function setup(): () => void {
  const previous = process.env['TMPDIR'];
  const dir = mkdtempSync(join(tmpdir(), 'accolade-test-run-'));
  process.env['TMPDIR'] = dir;
  return () => {
    if (previous === undefined) delete process.env['TMPDIR'];
    else process.env['TMPDIR'] = previous;
    const left = leftBehind(dir);
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) {
      const shown = left.slice(0, 20).join(', ');
      throw new Error(`tests left ${left.length} entries in the temp folder (${shown}${left.length > 20 ? ', ...' : ''}): remove what a test makes in afterEach/afterAll`);
    }
  };
}

export function leftBehind(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
