import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { derive } from '../../packages/fedora/src/testing/derive.js';
import { FasjsonStandIn } from '../../packages/fedora/src/testing/fasjson-stand-in.js';
import { runCli } from './run-cli.js';

/**
 * `--preset fedora`: Fedora's real messages carry no agent_name, usernames
 * or packages. With the preset, the schemas derive them, so a replay of the
 * bare messages awards exactly what a replay of the same messages with the
 * fields written out does. Bodies are shaped like the schema packages'.
 */

interface Sample { topic: string; body: Record<string, unknown>; agent_name: string | null; usernames: string[]; packages: string[] }

const update = (owner: string, ...nvrs: string[]) => ({ alias: 'FEDORA-2024-1a2b3c', builds: nvrs.map((nvr) => ({ nvr })), user: { name: owner }, status: 'testing', request: null, release: { name: 'F40' } });
const prUser = (name: string) => ({ name, fullname: name, url_path: `user/${name}` });

const SAMPLES: Sample[] = [
  { topic: 'bodhi.update.comment', body: { comment: { karma: 1, text: 'works, thanks @lmacken', timestamp: 't', user: { name: 'adamw' }, update: update('ralph', 'kernel-6.9.1-200.fc40') } }, agent_name: 'adamw', usernames: ['adamw', 'lmacken', 'ralph'], packages: ['kernel'] },
  { topic: 'bodhi.update.comment', body: { comment: { karma: 0, text: 'still broken', timestamp: 't', user: { name: 'adamw' }, update: update('ralph', 'kernel-6.9.2-200.fc40') } }, agent_name: 'adamw', usernames: ['adamw', 'ralph'], packages: ['kernel'] },
  { topic: 'bodhi.update.request.stable', body: { agent: 'ralph', update: update('ralph', 'python-requests-2.32.3-1.fc40') }, agent_name: 'ralph', usernames: ['ralph'], packages: ['python-requests'] },
  { topic: 'bodhi.update.complete.stable', body: { agent: 'bodhi', update: update('ralph', 'python-requests-2.32.3-1.fc40') }, agent_name: 'bodhi', usernames: ['bodhi', 'ralph'], packages: ['python-requests'] },
  { topic: 'buildsys.build.state.change', body: { name: 'kernel', version: '6.9.1', release: '200.fc40', epoch: null, owner: 'jforbes', new: 1, old: 0, instance: 'primary', build_id: 1 }, agent_name: 'jforbes', usernames: ['jforbes'], packages: ['kernel'] },
  { topic: 'buildsys.build.state.change', body: { name: 'kernel', version: '6.9.2', release: '200.fc40', epoch: null, owner: 'jforbes', new: 1, old: 0, instance: 'primary', build_id: 2 }, agent_name: 'jforbes', usernames: ['jforbes'], packages: ['kernel'] },
  { topic: 'buildsys.tag', body: { name: 'kernel', tag: 'f40-updates-testing', user: 'bodhi', owner: 'jforbes', instance: 'primary' }, agent_name: 'bodhi', usernames: ['bodhi', 'jforbes'], packages: ['kernel'] },
  { topic: 'git.receive', body: { agent: 'churchyard', commit: { username: 'churchyard', repo: 'python-pytest', namespace: 'rpms', branch: 'rawhide', rev: 'abc', summary: 's', message: 'm', stats: { total: { additions: 3 } } } }, agent_name: 'churchyard', usernames: ['churchyard'], packages: ['python-pytest'] },
  { topic: 'pagure.pull-request.new', body: { agent: 'decathorpe', pullrequest: { id: 3, title: 'Update', user: prUser('decathorpe'), assignee: prUser('music'), project: { name: 'rust-serde', namespace: 'rpms' } } }, agent_name: 'decathorpe', usernames: ['decathorpe', 'music'], packages: [] },
  { topic: 'fas.group.member.sponsor', body: { msg: { agent: 'nirik', user: 'newpackager', group: 'packager' } }, agent_name: 'nirik', usernames: ['newpackager', 'nirik'], packages: [] },
  { topic: 'meetbot.meeting.complete', body: { start_user: 'mattdm', end_user: 'bcotton', meeting_name: 'council', location: '#council', attendees: [{ name: 'mattdm', lines_said: 3 }, { name: 'bcotton', lines_said: 9 }], chairs: ['mattdm', 'bcotton'], logs: [] }, agent_name: 'bcotton', usernames: ['bcotton', 'mattdm'], packages: [] },
  { topic: 'wiki.article.edit', body: { title: 'QA:Testcase', user: 'adamw', minor_edit: false, revision: 3 }, agent_name: 'adamw', usernames: ['adamw'], packages: [] },
  { topic: 'planet.post.new', body: { username: 'bcotton', name: 'Ben', post: { title: 'Hi' } }, agent_name: 'bcotton', usernames: ['bcotton'], packages: [] },
  { topic: 'discourse.post.post_created', body: { webhook_body: { post: { id: 1, username: 'darknao', topic_title: 'Docs' } }, webhook_headers: { 'X-Discourse-Instance': 'https://discussion.fedoraproject.org', 'X-Discourse-Event-Id': '1', 'X-Discourse-Event-Type': 'post', 'X-Discourse-Event': 'post_created', 'X-Discourse-Event-Signature': 'sha256=0' } }, agent_name: 'darknao', usernames: [], packages: [] },
  { topic: 'copr.build.start', body: { user: 'frostyx', owner: '@copr', copr: 'copr-dev', pkg: 'copr-cli', version: '1.0-1', status: 3, chroot: 'fedora-40-x86_64', build: 9, what: 'build start', ip: null, who: 'backend', pid: 1 }, agent_name: 'frostyx', usernames: ['frostyx'], packages: [] },
  { topic: 'anitya.project.map.new', body: { distro: { name: 'Fedora' }, message: { agent: 'zlopez', distro: 'Fedora', project: 'requests', new: 'python-requests' }, project: { name: 'requests' } }, agent_name: 'zlopez', usernames: ['zlopez'], packages: ['python-requests'] },
  { topic: 'fedocal.meeting.new', body: { agent: 'bex', meeting: { meeting_name: 'Marketing' }, calendar: { calendar_name: 'marketing' } }, agent_name: 'bex', usernames: ['bex'], packages: [] },
  { topic: 'mailman.receive', body: { mlist: { list_name: 'devel', fqdn_listname: 'devel@lists.fedoraproject.org', list_id: 'devel.lists.fedoraproject.org' }, msg: { from: 'Kevin <kevin@scrye.com>', date: 'Wed, 1 May 2024 00:00:17 +0000', subject: 'Outage' }, sender_username: 'nirik', usernames: ['nirik'] }, agent_name: null, usernames: ['nirik'], packages: [] },
  { topic: 'fedbadges.badge.award', body: { badge: { badge_id: 'white-rabbit' }, user: { username: 'ralph' } }, agent_name: 'ralph', usernames: ['ralph'], packages: [] },
  // No schema: the fedora-messaging headers name the users, never the agent.
  { topic: 'irc.karma', body: { agent: 'threebean', recipient: 'nirik_irc', vote: 1 }, agent_name: null, usernames: ['threebean'], packages: [] },
];

const ACCOUNTS = [...new Set([...SAMPLES.flatMap((s) => [s.agent_name, ...s.usernames]), 'music', 'adamw', 'bcotton', 'decathorpe', 'jforbes'].filter((n): n is string => n !== null))]
  .map((username) => ({ username, ...(username === 'nirik' ? { ircnicks: ['irc:/nirik_irc'], emails: ['kevin@scrye.com'] } : {}), ...(username === 'ralph' ? { github_username: 'ralphbean' } : {}) }));

const rule = (name: string, body: string) => `name: ${name}\ndescription: d\ncreator: accolade\ndiscussion: https://example.org/d\nimage_url: https://example.org/b.png\n${body}`;
const RULES: Record<string, string> = {
  'bodhi-commenter.yml': rule('Commenter', 'trigger:\n  topic: bodhi.update.comment\nprevious:\n  filter:\n    topics: [message.topic]\n    users: [recipient]\n  operation: count\ncondition:\n  greater than or equal to: 2\n'),
  'bodhi-stable.yml': rule('Stable', 'trigger:\n  any:\n  - topic: bodhi.update.request.stable\n  - topic: bodhi.update.complete.stable\n'),
  'kernel-builder.yml': rule('Kernel builder', 'trigger:\n  topic: buildsys.build.state.change\nprevious:\n  filter:\n    packages: ["\'kernel\'"]\n    agents: [recipient]\n  operation: count\ncondition:\n  greater than or equal to: 2\n'),
  'tagger.yml': rule('Tagged', 'trigger:\n  topic: buildsys.tag\nrecipient: message.usernames\n'),
  ...Object.fromEntries(['git.receive', 'pagure.pull-request.new', 'fas.group.member.sponsor', 'meetbot.meeting.complete', 'wiki.article.edit', 'planet.post.new', 'discourse.post.post_created', 'copr.build.start', 'anitya.project.map.new', 'fedocal.meeting.new', 'fedbadges.badge.award']
    .map((t) => [`agent-${t}.yml`, rule(`Agent of ${t}`, `trigger:\n  topic: ${t}\n`)])),
  'list-people.yml': rule('List people', 'trigger:\n  topic: mailman.receive\nrecipient: message.usernames\n'),
  'meeting-people.yml': rule('Meeting people', 'trigger:\n  topic: meetbot.meeting.complete\nrecipient: message.usernames\n'),
  'pr-assignee.yml': rule('PR users', 'trigger:\n  topic: pagure.pull-request.new\nprevious:\n  filter:\n    users: [recipient]\n    topics: [message.topic]\n  operation: count\nrecipient: message.body["pullrequest"]["assignee"]["name"]\n'),
  'irc-karma.yml': rule('Cookie', 'trigger:\n  topic: irc.karma\nrecipient: message.body["recipient"]\nrecipient_nick2fas: true\n'),
  'mail-from.yml': rule('Mail from', 'trigger:\n  topic: mailman.receive\nrecipient: message.body["msg"]["from"].split("<")[1].rstrip(">")\nrecipient_email2fas: true\n'),
  'package-count.yml': rule('Package people', 'trigger:\n  topic: bodhi.update.request.stable\nprevious:\n  filter:\n    packages:\n    - message.packages[0]\n  operation: count\ncondition:\n  greater than or equal to: 1\n'),
};

/** The headers fedora-messaging writes from the schema's usernames and packages. */
const identityHeaders = (s: Sample): Record<string, true> => ({ ...Object.fromEntries(s.usernames.map((u) => [`fedora_messaging_user_${u}`, true])), ...Object.fromEntries(s.packages.map((p) => [`fedora_messaging_rpm_${p}`, true])) });
const toLine = (s: Sample, i: number, explicit: boolean): string => JSON.stringify({
  id: `m${i}`, topic: `org.fedoraproject.prod.${s.topic}`,
  headers: { 'sent-at': new Date(Date.UTC(2024, 4, 1, 0, 0, i)).toISOString().replace('.000Z', '+00:00'), ...identityHeaders(s) },
  body: s.body,
  ...(explicit ? { agent_name: s.agent_name, usernames: s.usernames, packages: s.packages } : {}),
});

let dir: string;
let fasjson: FasjsonStandIn;
const awards = (stdout: string): string[] => stdout.trim().split('\n').filter((l) => l !== '').sort();

beforeAll(async () => {
  fasjson = await new FasjsonStandIn(ACCOUNTS).start();
  dir = await mkdtemp(join(tmpdir(), 'accolade-fedora-'));
  await mkdir(join(dir, 'rules'));
  for (const [file, text] of Object.entries(RULES)) await writeFile(join(dir, 'rules', file), text);
  await writeFile(join(dir, 'explicit.jsonl'), `${SAMPLES.map((s, i) => toLine(s, i, true)).join('\n')}\n`);
  await writeFile(join(dir, 'bare.jsonl'), `${SAMPLES.map((s, i) => toLine(s, i, false)).join('\n')}\n`);
  await writeFile(join(dir, 'fedbadges.toml'), `[consumer_config]\nskip_users = ["bodhi"]\nfasjson_base_url = "${fasjson.url}"\nemail_domain = "fedoraproject.org"\nconsume_delay = 1\n`);
});
afterAll(async () => {
  await fasjson.stop();
  await rm(dir, { recursive: true, force: true });
});

const replay = (messages: string, ...extra: string[]) => runCli(['replay', '--rules', 'rules', messages, '--format', 'json', ...extra], dir);

const CONVERTER_RULES: Record<string, string> = {
  'nick.yml': rule('By nick', 'trigger:\n  topic: irc.karma\nrecipient: message.body["recipient"]\nrecipient_nick2fas: true\n'),
  'email.yml': rule('By email', 'trigger:\n  topic: mailman.receive\nrecipient: message.body["msg"]["from"].split("<")[1].rstrip(">")\nrecipient_email2fas: true\n'),
  'github.yml': rule('By GitHub', 'trigger:\n  topic: github.star\nrecipient: message.body["sender"]["url"]\nrecipient_github2fas: true\n'),
  'openid.yml': rule('By OpenID', 'trigger:\n  topic: askbot.post.edit\nrecipient: message.body["openid"]\nrecipient_openid2fas: true\n'),
  'distgit.yml': rule('By dist-git', 'trigger:\n  topic: pagure.project.user.added\nrecipient: message.body["user_url"]\nrecipient_distgit2fas: true\n'),
  'krb.yml': rule('By Kerberos', 'trigger:\n  topic: buildsys.task.state.change\nrecipient: message.body["owner"]\nrecipient_krb2fas: true\n'),
};
const converterMessage = (i: number, topic: string, body: Record<string, unknown>) => JSON.stringify({ id: `c${i}`, topic: `org.fedoraproject.prod.${topic}`, headers: { 'sent-at': '2024-05-02T00:00:00+00:00' }, body });
const CONVERTER_MESSAGES = [
  converterMessage(0, 'irc.karma', { agent: 'threebean', recipient: 'nirik_irc', vote: 1 }),
  converterMessage(1, 'irc.karma', { agent: 'threebean', recipient: 'nobody_irc', vote: 1 }),
  converterMessage(2, 'mailman.receive', { mlist: { list_name: 'devel' }, msg: { from: 'Kevin <kevin@scrye.com>', date: 'x' }, usernames: [] }),
  converterMessage(3, 'mailman.receive', { mlist: { list_name: 'devel' }, msg: { from: 'Adam <adamw@example.fedora.test>', date: 'x' }, usernames: [] }),
  converterMessage(4, 'github.star', { sender: { login: 'ralphbean', url: 'https://api.github.com/users/ralphbean' } }),
  converterMessage(5, 'github.star', { sender: { login: 'stranger', url: 'https://api.github.com/users/stranger' } }),
  converterMessage(6, 'askbot.post.edit', { openid: 'https://bcotton.id.example.test' }),
  converterMessage(7, 'askbot.post.edit', { openid: 'https://bcotton.id.fedoraproject.org' }),
  converterMessage(8, 'pagure.project.user.added', { agent: 'x', user_url: 'https://git.example.test/user/decathorpe' }),
  converterMessage(9, 'buildsys.task.state.change', { owner: 'jforbes/admin@FEDORAPROJECT.ORG', method: 'build', id: 1 }),
];

describe('recipient_*2fas through FASJSON, with the hosts of a fedbadges config', () => {
  it('each converter turns its value into the account, and an unknown one into nobody', async () => {
    await mkdir(join(dir, 'converter-rules'), { recursive: true });
    for (const [file, text] of Object.entries(CONVERTER_RULES)) await writeFile(join(dir, 'converter-rules', file), text);
    await writeFile(join(dir, 'converters.jsonl'), `${CONVERTER_MESSAGES.join('\n')}\n`);
    await writeFile(join(dir, 'hosts.toml'), `[consumer_config]\nfasjson_base_url = "${fasjson.url}"\nemail_domain = "example.fedora.test"\nid_provider_hostname = "id.example.test"\ndistgit_hostname = "git.example.test"\n`);
    const before = fasjson.requests.length;
    const { code, stdout, stderr } = await runCli(['replay', '--rules', 'converter-rules', 'converters.jsonl', '--format', 'json', '--preset', 'fedora', '--fedbadges-config', 'hosts.toml'], dir);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(awards(stdout).map((l) => JSON.parse(l) as { badge_id: string; user: string; message_id: string }).map((a) => `${a.badge_id} ${a.user} ${a.message_id}`)).toEqual([
      'by-dist-git decathorpe c8', 'by-email adamw c3', 'by-email nirik c2', 'by-github ralph c4', 'by-kerberos jforbes c9', 'by-nick nirik c0', 'by-openid bcotton c6',
    ]);
    // The searches went to the stand-in, by the fields FASJSON searches on.
    const searched = fasjson.requests.slice(before).filter((r) => r.path.includes('search')).map((r) => Object.keys(r.query).filter((k) => !k.startsWith('page')).join());
    expect(new Set(searched)).toEqual(new Set(['ircnick', 'email', 'github_username__exact']));
  });
});

describe('accolade replay --preset fedora', () => {
  it('bare Fedora messages give exactly the awards of the same messages with their identity fields', async () => {
    const preset = ['--preset', 'fedora', '--fasjson', fasjson.url];
    const withFields = await replay('explicit.jsonl', ...preset);
    const bare = await replay('bare.jsonl', ...preset);
    expect(withFields.code).toBe(0);
    expect(bare.code).toBe(0);
    expect(bare.stderr).toBe('');
    expect(awards(bare.stdout)).toEqual(awards(withFields.stdout));
    const given = awards(bare.stdout).map((l) => JSON.parse(l) as { badge_id: string; user: string; message_id: string });
    // Every family awards someone, and the converters went through FASJSON.
    for (const t of ['git.receive', 'pagure.pull-request.new', 'fas.group.member.sponsor', 'meetbot.meeting.complete', 'wiki.article.edit', 'planet.post.new', 'discourse.post.post_created', 'copr.build.start', 'anitya.project.map.new', 'fedocal.meeting.new', 'fedbadges.badge.award']) {
      expect(given.some((a) => a.badge_id === `agent-of-${t}`), t).toBe(true);
    }
    expect(given).toEqual(expect.arrayContaining([
      { badge_id: 'commenter', user: 'adamw', message_id: 'm1' },
      { badge_id: 'kernel-builder', user: 'jforbes', message_id: 'm5' },
      { badge_id: 'cookie', user: 'nirik', message_id: 'm19' },
      { badge_id: 'mail-from', user: 'nirik', message_id: 'm17' },
      { badge_id: 'pr-users', user: 'music', message_id: 'm8' },
      { badge_id: 'stable', user: 'bodhi', message_id: 'm3' },
    ]));
    // The whole set: one agent badge for each of 11 families, 2 stable, 2 tagged, 2 meeting people, and one each of the other 7.
    expect(given.map((a) => `${a.badge_id} ${a.user} ${a.message_id}`)).toEqual([
      'agent-of-anitya.project.map.new zlopez m15', 'agent-of-copr.build.start frostyx m14', 'agent-of-discourse.post.post_created darknao m13',
      'agent-of-fas.group.member.sponsor nirik m9', 'agent-of-fedbadges.badge.award ralph m18', 'agent-of-fedocal.meeting.new bex m16',
      'agent-of-git.receive churchyard m7', 'agent-of-meetbot.meeting.complete bcotton m10', 'agent-of-pagure.pull-request.new decathorpe m8',
      'agent-of-planet.post.new bcotton m12', 'agent-of-wiki.article.edit adamw m11', 'commenter adamw m1', 'cookie nirik m19',
      'kernel-builder jforbes m5', 'list-people nirik m17', 'mail-from nirik m17', 'meeting-people bcotton m10', 'meeting-people mattdm m10',
      'package-people ralph m2', 'pr-users music m8', 'stable bodhi m3', 'stable ralph m2', 'tagged bodhi m6', 'tagged jforbes m6',
    ]);
  });

  it('each bare sample derives exactly the identity fields the explicit one writes out', () => {
    for (const s of SAMPLES) {
      const m = derive(s.topic, s.body, identityHeaders(s));
      expect({ topic: s.topic, agent_name: m.agent_name, usernames: [...m.usernames].sort(), packages: [...m.packages].sort() })
        .toEqual({ topic: s.topic, agent_name: s.agent_name, usernames: [...s.usernames].sort(), packages: [...s.packages].sort() });
    }
  });

  it('a slow FASJSON (answers late, but within the timeout) changes nothing', async () => {
    fasjson.fail({ delayMs: 300 }, 4);
    try {
      const slow = await replay('bare.jsonl', '--preset', 'fedora', '--fasjson', fasjson.url);
      const fast = await replay('explicit.jsonl', '--preset', 'fedora', '--fasjson', fasjson.url);
      expect(slow.code).toBe(0);
      expect(awards(slow.stdout)).toEqual(awards(fast.stdout));
    } finally {
      fasjson.clearFaults();
    }
  });

  it('without the preset, the bare messages lose their agents (the headers name users, never the agent)', async () => {
    const bare = await replay('bare.jsonl');
    expect(awards(bare.stdout).length).toBeLessThan(10);
  });

  it("reads fedbadges' config: its skip_users and FASJSON address apply, its other keys are noted", async () => {
    const { code, stdout, stderr } = await replay('bare.jsonl', '--preset', 'fedora', '--fedbadges-config', 'fedbadges.toml');
    expect(code).toBe(0);
    expect(stderr).toContain("'consumer_config.consume_delay' is fedbadges' own setting");
    const given = awards(stdout).map((l) => JSON.parse(l) as { user: string });
    expect(given.some((a) => a.user === 'bodhi')).toBe(false);
    expect(given.some((a) => a.user === 'nirik')).toBe(true);
  });

  it('a FASJSON that keeps failing stops the run with the reason (exit 1), awarding nobody by mistake', async () => {
    fasjson.fail({ status: 503 }, 100);
    try {
      const { code, stdout, stderr } = await replay('bare.jsonl', '--preset', 'fedora', '--fasjson', fasjson.url);
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr).toMatch(/account lookup failed, stopping: FASJSON answered 503/);
    } finally {
      fasjson.clearFaults();
    }
  });

  it('preset options without --preset are usage errors; a config key of the wrong type names the key and the file', async () => {
    expect((await replay('bare.jsonl', '--fasjson', fasjson.url)).code).toBe(2);
    await writeFile(join(dir, 'bad.toml'), '[consumer_config]\nskip_users = "bodhi"\n');
    const bad = await replay('bare.jsonl', '--preset', 'fedora', '--fedbadges-config', 'bad.toml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe("accolade: bad.toml: 'consumer_config.skip_users' must be a list of strings\n");
  });

  it('accolade test: a case written with bare Fedora messages passes with the preset, and fails without it', async () => {
    const build = (id: string, release: string) => `      - {id: ${id}, topic: org.fedoraproject.prod.buildsys.build.state.change, body: {name: kernel, version: '6.9', release: '${release}', epoch: null, owner: jforbes, new: 1, old: 0, instance: primary, build_id: 1}}`;
    await writeFile(join(dir, 'kernel.test.yml'), `rules: rules\ncases:\n  - name: two kernel builds\n    messages:\n${build('k1', '1.fc40')}\n${build('k2', '2.fc40')}\n    awards:\n      - {badge_id: kernel-builder, user: jforbes, message_id: k2}\n`);
    const withPreset = await runCli(['test', 'kernel.test.yml', '--preset', 'fedora'], dir);
    expect(withPreset.stdout).toContain('PASS kernel.test.yml:3: two kernel builds');
    expect(withPreset.code).toBe(0);
    const without = await runCli(['test', 'kernel.test.yml'], dir);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain('expected, not awarded: kernel-builder -> jforbes');
  });

  it('explain and eval derive the fields too', async () => {
    await writeFile(join(dir, 'one.json'), toLine(SAMPLES[4]!, 4, false));
    const evaluated = await runCli(['eval', 'message.agent_name', '--message', 'one.json', '--preset', 'fedora'], dir);
    expect(evaluated.stdout).toBe('"jforbes"\n');
    const explained = await runCli(['explain', '--rules', 'rules', 'one.json', '--preset', 'fedora', '--fasjson', fasjson.url, '--format', 'json'], dir);
    expect(explained.code).toBe(0);
    expect(JSON.stringify(JSON.parse(explained.stdout))).toContain('"user":"jforbes"');
  });
});
