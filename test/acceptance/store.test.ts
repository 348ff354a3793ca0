import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, emptyPgliteStore, fixture, runCli } from './run-cli.js';

/**
 * `--store pglite:<dir>`: the same commands with history and awards in an
 * embedded PostgreSQL must print exactly what the in-memory stores print.
 */
const dirs: string[] = [];
const freshDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'accolade-store-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); }, 120_000);

/**
 * Each PGlite start takes seconds, and several tests start two: more than the default on a busy machine.
 * Most tests start from an empty database copied from the run's template (emptyPgliteStore); the
 * second-replay test starts from a folder that does not exist, as a first run does.
 */
const SLOW = { timeout: 180_000 };

function replayArgs(dir: string): string[] {
  const args = ['replay', '--rules', 'rules'];
  if (existsSync(join(dir, 'history.jsonl'))) args.push('--history', 'history.jsonl');
  if (existsSync(join(dir, 'args.json'))) args.push(...JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as string[]);
  return [...args, 'messages.jsonl'];
}

describe('accolade replay --store pglite:<dir>', SLOW, () => {
  it.each(readdirSync(fixture('replay')))('%s: byte-identical to the in-memory replay', async (name) => {
    const dir = fixture('replay', name);
    const result = await runCli([...replayArgs(dir), '--format', 'json', '--store', emptyPgliteStore(join(freshDir(), 'db'))], dir);
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(dir, 'expected.jsonl'), 'utf8'));
  });

  it('prints the same table and summary as the in-memory replay', async () => {
    const dir = fixture('replay', 'recipients');
    const memory = await runCli(replayArgs(dir), dir);
    const stored = await runCli([...replayArgs(dir), '--store', emptyPgliteStore(join(freshDir(), 'db'))], dir);
    expect(stored.stdout).toBe(memory.stdout);
  });

  it('keeps the awards in the folder: a second replay over it awards nothing again', async () => {
    const dir = fixture('replay', 'triggers');
    const store = `pglite:${join(freshDir(), 'db')}`;
    const first = await runCli([...replayArgs(dir), '--format', 'json', '--store', store], dir);
    expect(first.stdout.trim().split('\n')).toHaveLength(15);
    const second = await runCli([...replayArgs(dir), '--format', 'json', '--store', store], dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe('');
  });

  it('exits 2 for a store it does not know or cannot open', async () => {
    const messages = fixture('replay', 'triggers', 'messages.jsonl');
    const rules = fixture('replay', 'triggers', 'rules');
    const unknown = await runCli(['replay', '--rules', rules, messages, '--store', 'mysql://db/x']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown store 'mysql:\/\/db\/x'/);
    const refused = await runCli(['replay', '--rules', rules, messages, '--store', 'postgres://postgres@127.0.0.1:1/none']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/cannot open store 'postgres:\/\/postgres@127\.0\.0\.1:1\/none'/);
  });
});

describe('accolade explain and test with --store', SLOW, () => {
  it('explain says the same as with the in-memory stores', async () => {
    const args = ['explain', '--rules', 'examples/fedora/rules', '--history', 'examples/fedora/history.jsonl', 'examples/fedora/message.json'];
    const memory = await runCli(args, ROOT);
    const stored = await runCli([...args, '--store', emptyPgliteStore(join(freshDir(), 'db'))], ROOT);
    expect(memory.code).toBe(0);
    expect(stored.stdout).toBe(memory.stdout);
  });

  it('explain leaves the history in the store as it was', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'first.yml'), `name: First Comment
description: Your first comment.
creator: tester
discussion: https://example.org/d
image_url: https://example.org/i.png
trigger: {topic: bodhi.update.comment}
previous: {filter: {topics: [message.topic], users: [recipient]}, operation: count}
condition: {equal to: 1}
`);
    const later = { ...JSON.parse(readFileSync(fixture('message.json'), 'utf8')) as Record<string, unknown>, id: 'a-later-comment' };
    writeFileSync(join(dir, 'later.jsonl'), `${JSON.stringify(later)}\n`);
    const store = ['--store', emptyPgliteStore(join(dir, 'db'))];
    const explained = await runCli(['explain', '--rules', join(dir, 'first.yml'), fixture('message.json'), ...store]);
    expect(explained.code).toBe(0);
    // Had explain stored its message, ralph would now have two comments and no first-comment badge.
    const replay = ['replay', '--rules', join(dir, 'first.yml'), '--format', 'json', join(dir, 'later.jsonl')];
    const stored = await runCli([...replay, ...store]);
    expect(stored.stdout).toBe('{"badge_id": "first-comment", "user": "ralph", "message_id": "a-later-comment"}\n');
    expect(stored.stdout).toBe((await runCli(replay)).stdout);
  });

  it('test runs every case on its own schema and reports the same', async () => {
    // The passing and failing cases (the folder also holds broken and invalid test files, which never reach a store).
    const args = ['test', fixture('rule-tests/commenter.test.yml'), fixture('rule-tests/failing/wrong.test.yml')];
    const memory = await runCli(args);
    const stored = await runCli([...args, '--store', emptyPgliteStore(join(freshDir(), 'db'))]);
    expect(stored.code).toBe(memory.code);
    expect(stored.stdout).toBe(memory.stdout);
    expect(stored.stdout).toMatch(/3 passed, 2 failed/);
  });
});
