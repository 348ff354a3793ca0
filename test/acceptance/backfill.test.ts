import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, ROOT, emptyPgliteStore, runCli } from './run-cli.js';

/**
 * `accolade replay --store <url> --since <time>`: the rules over messages
 * already in the store's history, as if they had run when the messages
 * arrived; resumable from a checkpoint.
 */
const SLOW = { timeout: 180_000 };
const EXAMPLE = join(ROOT, 'examples/fedora');
let dir = '';
let all = '';
/** What `replay` of every example message, as they arrived and in memory, awards: what a backfill must match. */
let live: CliResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'accolade-backfill-'));
  all = join(dir, 'all.jsonl');
  writeFileSync(all, readFileSync(join(EXAMPLE, 'history.jsonl'), 'utf8') + readFileSync(join(EXAMPLE, 'messages.jsonl'), 'utf8'));
  writeFileSync(join(dir, 'empty.jsonl'), '');
  // Loading the history into PGlite takes seconds on a busy machine: it is done once, and each test copies the folder.
  const [replayed, load] = await Promise.all([
    runCli(['replay', '--rules', join(EXAMPLE, 'rules'), '--format', 'json', all]),
    runCli(['replay', '--store', emptyPgliteStore(join(dir, 'loaded')), '--rules', join(EXAMPLE, 'rules'), '--history', all, join(dir, 'empty.jsonl')]),
  ]);
  expect(load.code, load.stderr).toBe(0);
  expect(replayed.code, replayed.stderr).toBe(0);
  live = replayed;
});
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

const sorted = (stdout: string): string[] => stdout.split('\n').filter((l) => l !== '').sort();

/** A store whose history holds every example message and which has awarded nothing (a copy of the one loaded once). */
function storedHistory(name: string): string {
  cpSync(join(dir, 'loaded'), join(dir, name), { recursive: true });
  return `pglite:${join(dir, name)}`;
}

describe('accolade replay --store ... --since (backfill)', SLOW, () => {
  it('awards what a replay of the same messages as they arrived awards, then nothing more when run again from its checkpoint', async () => {
    expect(sorted(live.stdout).length).toBeGreaterThan(50);
    const store = storedHistory('db1');
    const checkpoint = join(dir, 'checkpoint.json');
    const backfill = await runCli(['replay', '--store', store, '--rules', join(EXAMPLE, 'rules'), '--since', '2000-01-01', '--checkpoint', checkpoint, '--format', 'json']);
    expect(backfill.code, backfill.stderr).toBe(0);
    expect(sorted(backfill.stdout)).toEqual(sorted(live.stdout));
    expect(backfill.stderr).toMatch(/backfill: 1,000 of 1,000 messages \(100\.0 %\), \d+ msg\/s, \d+ awards; done in/);
    expect(JSON.parse(readFileSync(checkpoint, 'utf8'))).toMatchObject({ kind: 'accolade-backfill', since: '2000-01-01T00:00:00.000Z', processed: 1000, done: true, awards: sorted(live.stdout).length });

    const again = await runCli(['replay', '--store', store, '--rules', join(EXAMPLE, 'rules'), '--since', '2000-01-01', '--checkpoint', checkpoint]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toContain('resuming after row 1000');
    expect(again.stdout).toContain('0 awards from 0 stored messages');

    const otherWindow = await runCli(['replay', '--store', store, '--rules', join(EXAMPLE, 'rules'), '--since', '2024-05-01', '--checkpoint', checkpoint]);
    expect(otherWindow.code).toBe(2);
    expect(otherWindow.stderr).toContain(`checkpoint '${checkpoint}' is for --since 2000-01-01T00:00:00.000Z`);
  });

  it('evaluates only the window, with the history before it counted, and gives no badge twice', async () => {
    const store = storedHistory('db2');
    const rules = join(EXAMPLE, 'rules');
    const first = await runCli(['replay', '--store', store, '--rules', rules, '--since', '2000-01-01', '--until', '2024-05-01T12:00:00Z', '--format', 'json']);
    const rest = await runCli(['replay', '--store', store, '--rules', rules, '--since', '2024-05-01T12:00:00.001Z', '--format', 'json']);
    expect(first.code, first.stderr).toBe(0);
    expect(rest.code, rest.stderr).toBe(0);
    // Two windows one after the other award what one run over both does (the messages are stored in time order).
    expect([...sorted(first.stdout), ...sorted(rest.stdout)].sort()).toEqual(sorted(live.stdout));
    expect(sorted(first.stdout).length).toBeGreaterThan(0);
    expect(sorted(rest.stdout).length).toBeGreaterThan(0);
  });

  it('refuses what a backfill cannot do, with exit 2 and the reason', async () => {
    const rules = join(EXAMPLE, 'rules');
    const cases: Array<[string[], string]> = [
      [['replay', '--rules', rules, '--since', '2024-01-01'], '--since needs --store'],
      [['replay', '--rules', rules, '--store', 'pglite:x', '--since', 'last week'], "--since 'last week' is not a time"],
      [['replay', '--rules', rules, '--store', 'pglite:x', '--since', '2024-02-01', '--until', '2024-01-01'], 'is before --since'],
      [['replay', '--rules', rules, '--store', 'pglite:x', '--since', '2024-01-01', all], 'give no messages file'],
      [['replay', '--rules', rules, '--checkpoint', 'c.json', all], '--checkpoint needs --since'],
      [['replay', '--rules', rules], 'missing the messages file'],
    ];
    for (const [args, message] of cases) {
      const result = await runCli(args, dir);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(message);
    }
  });
});
