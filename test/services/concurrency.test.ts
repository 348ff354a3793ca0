import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { messageToJson } from '@accolade/core';
import { afterAll, describe, expect, it } from 'vitest';
import { randomStream } from '../../packages/postgres/src/testing/engine-differential.js';
import { STREAM_RULES } from '../../packages/postgres/src/testing/rules.js';
import { runCli } from '../acceptance/run-cli.js';
import { serverSchema } from './server.js';

/**
 * Several `accolade replay --store postgres://...` processes on one stream
 * and one database must give exactly the awards one in-memory replay gives:
 * each award made once, by one of them, for the same message, and exactly
 * one assertion row per award.
 */
const PROCESSES = 4;
const MESSAGES = 3000;

const work = mkdtempSync(join(tmpdir(), 'accolade-concurrency-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function writeInputs(): { rules: string; stream: string; ids: number } {
  const rules = join(work, 'rules');
  mkdirSync(rules, { recursive: true });
  STREAM_RULES.forEach((text, i) => writeFileSync(join(rules, `r${String(i).padStart(2, '0')}.yml`), text));
  const messages = randomStream(99, MESSAGES, 120);
  const stream = join(work, 'stream.jsonl');
  writeFileSync(stream, messages.map((m) => JSON.stringify(messageToJson(m))).join('\n') + '\n');
  return { rules, stream, ids: new Set(messages.map((m) => m.id)).size };
}

const lines = (text: string): string[] => text.split('\n').filter((l) => l !== '');
const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe(`${PROCESSES} engine processes on one stream of ${MESSAGES} messages and one database`, () => {
  const inputs = writeInputs();
  let expected: string[] = [];

  it('one in-memory replay gives the reference awards', async () => {
    const single = await runCli(['replay', '--rules', inputs.rules, inputs.stream, '--format', 'json']);
    expect(single.code).toBe(0);
    expected = lines(single.stdout);
    expect(expected.length).toBeGreaterThan(300);
  });

  it.each([['all started at once', 0], ['started one after another', 400]])('%s: exactly the same awards, each once', async (_name, stagger) => {
    const db = await serverSchema();
    try {
      const store = `${db.url}${db.url.includes('?') ? '&' : '?'}schema=${db.schema}`;
      const runs = Array.from({ length: PROCESSES }, async (_, i) => {
        await sleep(i * stagger);
        return runCli(['replay', '--rules', inputs.rules, inputs.stream, '--format', 'json', '--no-progress', '--store', store]);
      });
      const results = await Promise.all(runs);
      for (const r of results) expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
      const perProcess = results.map((r) => lines(r.stdout));
      const union = perProcess.flat();
      // No award reported by two processes, and together exactly the single engine's awards.
      expect(union.length).toBe(new Set(union).size);
      expect([...union].sort()).toEqual([...expected].sort());
      // Which process won which award is up to the race; it is reported, not asserted.
      console.info(`awards won per process (${stagger} ms apart): ${perProcess.map((p) => p.length).join(', ')} of ${expected.length}`);

      const rows = await db.client.query<{ badge_id: string; email: string; issued_for: string }>(
        'SELECT a.badge_id, p.email, a.issued_for FROM assertions a JOIN persons p ON p.id = a.person_id',
      );
      const fromDb = rows.map((r) => JSON.stringify({ badge_id: r.badge_id, user: r.email.replace(/@fedoraproject\.org$/, ''), message_id: r.issued_for })).sort();
      const fromReplay = expected.map((l) => JSON.stringify(JSON.parse(l) as unknown)).sort();
      expect(fromDb).toEqual(fromReplay);
      const pairs = await db.client.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT 1 FROM assertions GROUP BY badge_id, person_id HAVING count(*) > 1) d');
      expect(pairs[0]?.n).toBe(0);
      const stored = await db.client.query<{ n: number; ids: number }>('SELECT count(*)::int AS n, count(DISTINCT msg_id)::int AS ids FROM messages');
      expect(stored[0]).toEqual({ n: inputs.ids, ids: inputs.ids });
    } finally {
      await db.drop();
    }
  });
});
