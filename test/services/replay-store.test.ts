import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, runCli } from '../acceptance/run-cli.js';
import { serverSchema } from './server.js';

/**
 * `--store postgres://...` on the real server: every replay scenario must
 * print byte for byte what the in-memory stores print (the default suite
 * checks the same with `--store pglite:<dir>`).
 */
function replayArgs(dir: string): string[] {
  const args = ['replay', '--rules', 'rules'];
  if (existsSync(join(dir, 'history.jsonl'))) args.push('--history', 'history.jsonl');
  if (existsSync(join(dir, 'args.json'))) args.push(...JSON.parse(readFileSync(join(dir, 'args.json'), 'utf8')) as string[]);
  return [...args, 'messages.jsonl'];
}

async function onServer<T>(fn: (store: string) => Promise<T>): Promise<T> {
  const db = await serverSchema();
  try {
    return await fn(`${db.url}${db.url.includes('?') ? '&' : '?'}schema=${db.schema}`);
  } finally {
    await db.drop();
  }
}

describe('accolade replay --store postgres://... on the server', () => {
  it.each(readdirSync(fixture('replay')))('%s: byte-identical to the in-memory replay', async (name) => {
    const dir = fixture('replay', name);
    const result = await onServer((store) => runCli([...replayArgs(dir), '--format', 'json', '--store', store], dir));
    expect(result.stderr).not.toMatch(/internal error/);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(dir, 'expected.jsonl'), 'utf8'));
  });

  it('the table and summary too', async () => {
    const dir = fixture('replay', 'recipients');
    const memory = await runCli(replayArgs(dir), dir);
    const stored = await onServer((store) => runCli([...replayArgs(dir), '--store', store], dir));
    expect(memory.code).toBe(0);
    expect(stored.stdout).toBe(memory.stdout);
  });
});
