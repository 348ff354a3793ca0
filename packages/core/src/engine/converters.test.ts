import { describe, expect, it } from 'vitest';
import { MemoryAwardStore } from '../stores/memory/memory-award-store.js';
import { MemoryHistoryStore } from '../stores/memory/memory-history-store.js';
import { MemoryUserDirectory } from '../stores/memory/memory-user-directory.js';
import type { RecipientConverter, UserDirectory } from '../stores/user-directory.js';
import { compileRuleText, message, ruleYaml } from '../testing/helpers.js';
import { createEngine } from './engine.js';

/** A directory that answers from a table and writes down every question, as a FASJSON stand-in would. */
class AskedDirectory implements UserDirectory {
  readonly asked: string[] = [];
  constructor(private readonly answers: Record<string, string>, private readonly accounts: ReadonlySet<string>) {}
  exists(user: string): boolean { return this.accounts.has(user); }
  resolve(kind: RecipientConverter, value: string): string | null {
    this.asked.push(`${kind} ${value}`);
    return this.answers[`${kind} ${value}`] ?? null;
  }
}

async function convert(kind: RecipientConverter, values: unknown, users: UserDirectory): Promise<string[]> {
  const rule = compileRuleText(ruleYaml('C', `trigger:\n  topic: a.b\nrecipient: message.body["v"]\nrecipient_${kind}2fas: true`));
  const engine = createEngine({ rules: [rule], history: new MemoryHistoryStore(), awards: new MemoryAwardStore(), users });
  return (await engine.process(message('a.b', { v: values }))).map((a) => a.user).sort();
}

describe("the converters ask the directory what fedbadges 2.1 asks FASJSON, and nothing more", () => {
  const accounts = new Set(['ralph', 'toshio', 'nirik', 'dummy']);

  it('email: an @fedoraproject.org address is its account without asking; another address is searched', async () => {
    const users = new AskedDirectory({ 'email kevin@scrye.com': 'nirik' }, accounts);
    expect(await convert('email', ['ralph@fedoraproject.org', 'kevin@scrye.com', 'nobody@example.org', 'ghost@fedoraproject.org'], users)).toEqual(['nirik', 'ralph']);
    expect(users.asked).toEqual(['email kevin@scrye.com', 'email nobody@example.org']);
  });

  it('github: the login out of the API user URL is searched; any other value is no one, unasked', async () => {
    const users = new AskedDirectory({ 'github dummygh': 'dummy' }, accounts);
    expect(await convert('github', ['https://api.github.com/users/dummygh', 'https://github.com/dummygh', 'https://api.github.com/users/DummyGH'], users)).toEqual(['dummy']);
    expect(users.asked).toEqual(['github dummygh']);
  });

  it('nick: asked as written', async () => {
    const users = new AskedDirectory({ 'nick ralph_irc': 'ralph' }, accounts);
    expect(await convert('nick', ['ralph_irc', 'unknown'], users)).toEqual(['ralph']);
    expect(users.asked).toEqual(['nick ralph_irc', 'nick unknown']);
  });

  it('openid, distgit, krb: the directory gets the value, so that its host names apply', async () => {
    const users = new AskedDirectory({ 'openid https://ralph.id.example.com': 'ralph', 'distgit https://src.example.com/user/toshio': 'toshio', 'krb nirik/admin@FEDORAPROJECT.ORG': 'nirik' }, accounts);
    expect(await convert('openid', 'https://ralph.id.example.com', users)).toEqual(['ralph']);
    expect(await convert('distgit', 'https://src.example.com/user/toshio', users)).toEqual(['toshio']);
    expect(await convert('krb', 'nirik/admin@FEDORAPROJECT.ORG', users)).toEqual(['nirik']);
    expect(users.asked).toEqual(['openid https://ralph.id.example.com', 'distgit https://src.example.com/user/toshio', 'krb nirik/admin@FEDORAPROJECT.ORG']);
  });

  it("the in-memory directory's string rules are fedbadges': a value of another form is kept, then must be an account", async () => {
    const users = new MemoryUserDirectory({ users: accounts });
    expect(await convert('openid', ['https://ralph.id.fedoraproject.org', 'toshio', 'https://RALPH.id.fedoraproject.org'], users)).toEqual(['ralph', 'toshio']);
    expect(await convert('distgit', ['https://src.fedoraproject.org/user/nirik', 'http://src.fedoraproject.org/user/dummy'], users)).toEqual(['dummy', 'nirik']);
    expect(await convert('krb', ['ralph/admin', 'bodhi/bodhi.fedoraproject.org', 'toshio'], users)).toEqual(['ralph', 'toshio']);
  });

  it('applies several converters in fedbadges\' order: nick, email, openid, github, distgit, krb', async () => {
    const rule = compileRuleText(ruleYaml('C', 'trigger:\n  topic: a.b\nrecipient: message.body["v"]\nrecipient_krb2fas: true\nrecipient_email2fas: true'));
    const users = new AskedDirectory({ 'email ralph/admin@example.org': 'ralph/admin', 'krb ralph/admin': 'ralph' }, accounts);
    const engine = createEngine({ rules: [rule], history: new MemoryHistoryStore(), awards: new MemoryAwardStore(), users });
    expect((await engine.process(message('a.b', { v: 'ralph/admin@example.org' }))).map((a) => a.user)).toEqual(['ralph']);
    expect(users.asked).toEqual(['email ralph/admin@example.org', 'krb ralph/admin']);
  });
});
