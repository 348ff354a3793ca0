import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';

/**
 * Vitest setupFiles: each test file gets its own empty TMPDIR (inside the
 * run's, see temp-folder-guard.ts), set before the file is imported, so that
 * what a file leaves behind fails that file, by name. Setup files' afterAll
 * hooks run after the file's own, so a file's cleanup has had its turn.
 */
const outer = process.env['TMPDIR'];
const dir = mkdtempSync(join(tmpdir(), 'file-'));
process.env['TMPDIR'] = dir;

afterAll(() => {
  if (outer === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = outer;
  const left = readdirSync(dir).sort();
  rmSync(dir, { recursive: true, force: true });
  expect(left, 'what this test file left in the temp folder (remove it in afterEach/afterAll)').toEqual([]);
});
