import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ruleYaml } from '../../../packages/postgres/src/testing/rules.js';
import type { ServerSchema } from '../../../packages/postgres/src/testing/server-harness.js';
import { AMQP_URL, TestBroker } from './broker.js';
import { freshDatabase, storeUrl } from './run-serve.js';
import { ServeProcess } from './serve-process.js';
import { workspace } from './stream.js';

const ws = workspace();
let broker: TestBroker;
let db: ServerSchema;
let p: ServeProcess | undefined;
afterEach(async () => {
  await p?.kill();
  await broker.close();
  await db.drop();
  ws.close();
});

const firstTimer = (name: string, topic: string): string => ruleYaml(name, `trigger: {topic: ${topic}}\nrecipient: message.usernames`);
const message = (id: string, topic: string, user: string) => ({ id, topic, headers: { [`fedora_messaging_user_${user}`]: true }, body: {} });

describe('rule reload', () => {
  it('takes a changed rules folder (and SIGHUP) between messages, and keeps the running rules when the new ones have errors', async () => {
    broker = await TestBroker.open();
    db = await freshDatabase();
    writeFileSync(join(ws.rules, 'r00.yml'), firstTimer('Wiki editor', 'wiki.article.edit'));
    for (const f of ['r01', 'r02', 'r03']) writeFileSync(join(ws.rules, `${f}.yml`), firstTimer(`Other ${f}`, `nothing.${f}`));
    // A rule that fails on every message it sees: counted and logged with its place, the others unaffected.
    writeFileSync(join(ws.rules, 'r04.yml'), ruleYaml('Broken at run time', 'trigger: {lambda: "message.body.get(\'n\', 0) // 0 == 1"}\nrecipient: message.usernames'));
    p = new ServeProcess(['--rules', ws.rules, '--store', storeUrl(db), '--amqp', AMQP_URL, '--exchange', broker.exchange, '--queue', broker.queue, '--bind', 'org.#', '--log-level', 'debug']);
    await p.waitFor((s) => s.events('broker-connected').length > 0, 'the connection');
    await broker.publish([message('a1', 'org.fedoraproject.prod.git.receive', 'ann')]);
    await p.waitFor((s) => s.events('processed').length === 1, 'a1');
    expect(p.events('award')).toHaveLength(0);
    expect(p.events('rule-error')[0]).toMatchObject({ level: 'warn', badge_id: 'broken-at-run-time', at: expect.stringMatching(/r04\.yml:\d+:\d+$/), message_id: 'a1' });

    // A new rule file: picked up without a restart.
    writeFileSync(join(ws.rules, 'r05.yml'), firstTimer('Committer', 'git.receive'));
    await p.waitFor((s) => s.events('rules-reloaded').some((l) => l['rules'] === 6), 'the reload');
    await broker.publish([message('a2', 'org.fedoraproject.prod.git.receive', 'bob')]);
    await p.waitFor((s) => s.events('award').length === 1, 'the new rule to award');
    expect(p.events('award')[0]).toMatchObject({ badge_id: 'committer', user: 'bob', rule: expect.stringMatching(/r05\.yml$/) });
    expect(p.events('rule-error')).toHaveLength(2);

    // A broken edit: reported with file:line:column, the running rules kept.
    writeFileSync(join(ws.rules, 'r05.yml'), `${firstTimer('Committer', 'git.receive')}condition: {greater than: nope}\n`);
    await p.waitFor((s) => s.events('reload-refused').length === 1, 'the refused reload');
    expect(p.events('rule-issue').at(-1)).toMatchObject({ level: 'error', at: expect.stringMatching(/r05\.yml:\d+:\d+$/) });
    await broker.publish([message('a3', 'org.fedoraproject.prod.git.receive', 'cyd')]);
    await p.waitFor((s) => s.events('award').length === 2, 'the kept rule to award');

    // SIGHUP reloads too (here: the same broken set, refused again).
    process.kill(p.pid, 'SIGHUP');
    await p.waitFor((s) => s.events('reload-refused').length === 2, 'the SIGHUP reload');
    expect(await p.stop()).toBe(0);
  });
});
