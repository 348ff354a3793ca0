import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The conformance suites take the caller's describe/it; this runs them under
// node:test (as a project without vitest would), from the built package.
const core = new URL('../../dist/index.js', import.meta.url).href;
const testing = new URL('../../dist/testing/index.js', import.meta.url).href;

const suite = (wrapStores: string): string => `
import { describe, it } from 'node:test';
import { MemoryAwardStore, MemoryHistoryStore } from ${JSON.stringify(core)};
import { describeAwardStoreConformance, describeHistoryStoreConformance } from ${JSON.stringify(testing)};
${wrapStores}
describeHistoryStoreConformance('memory history', () => ({ store: history(new MemoryHistoryStore()) }), { describe, it });
describeAwardStoreConformance('memory awards', ({ optedOut, awards }) => ({ store: awardStore(new MemoryAwardStore({ optedOut, awards })) }), { describe, it });
`;

const run = promisify(execFile);
/** `node --test` on the file: its exit code, TAP output and stderr (the suites import the built package: run `pnpm build` first). */
async function nodeTest(file: string): Promise<{ code: number; tap: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--test', '--test-reporter=tap', file]);
    return { code: 0, tap: stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, tap: failed.stdout ?? '', stderr: failed.stderr ?? '' };
  }
}
const lines = (tap: string, status: 'ok' | 'not ok'): string[] =>
  [...tap.matchAll(new RegExp(`^ *${status} \\d+ - (.*)$`, 'gm'))].map((m) => m[1]!.trim());

describe('the store conformance suites under node:test', () => {
  let dir: string;
  beforeAll(async () => { dir = await mkdtemp(join(tmpdir(), 'accolade-node-test-')); });
  afterAll(async () => { await rm(dir, { recursive: true, force: true }); });

  it('pass on the in-memory stores', async () => {
    const file = join(dir, 'memory.test.mjs');
    await writeFile(file, suite('const history = (s) => s; const awardStore = (s) => s;'));
    const { code, tap, stderr } = await nodeTest(file);
    expect(lines(tap, 'not ok')).toEqual([]);
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(lines(tap, 'ok')).toEqual(expect.arrayContaining([
      'ORs the values of a key and ANDs the keys', 'skips a message it already holds', 'memory history: datanommer query semantics',
      'awards once when the same award is asked for many times at once', 'memory awards: awards',
    ]));
    expect(tap).toMatch(/^# pass 16$/m);
  });

  it('fail, naming the broken cases, on stores that break the contract', async () => {
    const file = join(dir, 'broken.test.mjs');
    await writeFile(file, suite(`
// Pages always in ascending order; awards every time it is asked.
const history = (s) => ({ count: (q) => s.count(q), find: (q) => s.find({ ...q, order: 'asc' }), add: (m) => s.add(m) });
const awardStore = (s) => ({ has: (b, u) => s.has(b, u), isOptedOut: (u) => s.isOptedOut(u), award: () => 'awarded' });
`));
    const { code, tap } = await nodeTest(file);
    expect(code).toBe(1);
    expect(lines(tap, 'not ok')).toEqual(expect.arrayContaining([
      'orders and pages find(), while count() ignores paging',
      'awards once: the first time awarded, every repeat already-awarded',
      'awards once when the same award is asked for many times at once',
      'starts from the awards that already exist',
    ]));
    expect(lines(tap, 'ok')).toContain('ORs the values of a key and ANDs the keys');
  });
});
