import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FasjsonStandIn } from '../testing/fasjson-stand-in.js';
import { FasjsonDirectory, type FasjsonDirectoryOptions } from './fasjson-directory.js';
import { FasjsonError } from './fasjson-error.js';

const USERS = [
  { username: 'ralph', emails: ['ralph@fedoraproject.org', 'rbean@redhat.com'], ircnicks: ['irc:/threebean', 'matrix:/ralph'], github_username: 'ralphbean' },
  { username: 'nirik', emails: ['kevin@scrye.com'], ircnicks: ['irc:/nirik'], github_username: 'kevinfenzi' },
];

let fasjson: FasjsonStandIn;
// A generous timeout: the stand-in answers at once, and on a busy machine a short one would time out a normal answer.
const directory = (options: Partial<FasjsonDirectoryOptions> = {}) => new FasjsonDirectory({ baseUrl: fasjson.url, backoffMs: 5, timeoutMs: 10_000, ...options });

beforeEach(async () => { fasjson = await new FasjsonStandIn(USERS).start(); });
afterEach(async () => { await fasjson.stop(); });

describe('FasjsonDirectory: accounts', () => {
  it('an account exists when FASJSON has the user, not when it answers 404', async () => {
    const users = directory();
    expect(await users.exists('ralph')).toBe(true);
    expect(await users.exists('nobody-here')).toBe(false);
    expect(fasjson.requests.map((r) => r.path)).toEqual(['/v1/users/ralph/', '/v1/users/nobody-here/']);
    expect(fasjson.requests[0]!.fields).toBe('username');
  });

  it('answers are cached, "no such account" too; identical lookups in flight share one request', async () => {
    const users = directory();
    await Promise.all([users.exists('ralph'), users.exists('ralph'), users.exists('ralph')]);
    await users.exists('ralph');
    await users.exists('ghost');
    await users.exists('ghost');
    expect(fasjson.requests).toHaveLength(2);
  });

  it('the cache is bounded: the least recently used answer goes first', async () => {
    const users = directory({ cacheSize: 2 });
    await users.exists('ralph');
    await users.exists('nirik');
    await users.exists('ralph');
    await users.exists('ghost');
    expect(users.cached).toBe(2);
    await users.exists('ralph');
    expect(fasjson.requests).toHaveLength(3);
    await users.exists('nirik');
    expect(fasjson.requests).toHaveLength(4);
  });

  it('answers age out', async () => {
    const users = directory({ cacheTtlMs: 20 });
    await users.exists('ralph');
    await new Promise((r) => setTimeout(r, 40));
    await users.exists('ralph');
    expect(fasjson.requests).toHaveLength(2);
  });
});

describe('FasjsonDirectory: recipient converters', () => {
  it('nick2fas: a bare nick is tried as a Matrix nick, then as an IRC nick', async () => {
    const users = directory();
    expect(await users.resolve('nick', 'threebean')).toBe('ralph');
    expect(fasjson.requests.map((r) => r.query['ircnick'])).toEqual(['matrix:/threebean', 'irc:/threebean']);
    expect(await users.resolve('nick', 'ralph')).toBe('ralph');
    expect(await users.resolve('nick', 'irc:/nirik')).toBe('nirik');
    expect(await users.resolve('nick', 'nobody_irc')).toBeNull();
    expect(fasjson.requests.at(-1)!.query).toMatchObject({ page_size: '40', page_number: '1' });
  });

  it('email2fas: an address at the e-mail domain needs no lookup; others are searched', async () => {
    const users = directory();
    expect(await users.resolve('email', 'someone@fedoraproject.org')).toBe('someone');
    expect(fasjson.requests).toHaveLength(0);
    expect(await users.resolve('email', 'kevin@scrye.com')).toBe('nirik');
    expect(await users.resolve('email', 'stranger@example.com')).toBeNull();
    expect(fasjson.requests.map((r) => r.query['email'])).toEqual(['kevin@scrye.com', 'stranger@example.com']);
    expect(await directory({ emailDomain: 'example.org' }).resolve('email', 'ralph@example.org')).toBe('ralph');
  });

  it('github2fas: the login from a GitHub API URL (or the login alone), searched exactly; anything else is nobody', async () => {
    const users = directory();
    expect(await users.resolve('github', 'https://api.github.com/users/ralphbean')).toBe('ralph');
    expect(fasjson.requests.at(-1)!.query['github_username__exact']).toBe('ralphbean');
    expect(await users.resolve('github', 'https://api.github.com/users/octocat')).toBeNull();
    expect(await users.resolve('github', 'kevinfenzi')).toBe('nirik');
    expect(await users.resolve('github', 'https://github.com/ralphbean')).toBeNull();
  });

  it('openid2fas, distgit2fas, krb2fas are string rules with configurable hosts, and never call FASJSON', async () => {
    const users = directory();
    expect(await users.resolve('openid', 'https://ralph.id.fedoraproject.org')).toBe('ralph');
    expect(await users.resolve('openid', 'https://ralph.id.example.org')).toBe('https://ralph.id.example.org');
    expect(await users.resolve('distgit', 'https://src.fedoraproject.org/user/nirik')).toBe('nirik');
    expect(await users.resolve('krb', 'bodhi/bodhi.fedoraproject.org@FEDORAPROJECT.ORG')).toBe('bodhi');
    expect(await users.resolve('krb', 'ralph')).toBe('ralph');
    const staging = directory({ idProviderHostname: 'id.stg.fedoraproject.org', distgitHostname: 'src.stg.fedoraproject.org' });
    expect(await staging.resolve('openid', 'http://ralph.id.stg.fedoraproject.org')).toBe('ralph');
    expect(await staging.resolve('distgit', 'https://src.stg.fedoraproject.org/user/nirik')).toBe('nirik');
    expect(await staging.resolve('distgit', 'https://src.fedoraproject.org/user/nirik')).toBe('https://src.fedoraproject.org/user/nirik');
    expect(fasjson.requests).toHaveLength(0);
  });

  it('a search reads further pages when the first has nobody', async () => {
    const paged = await new FasjsonStandIn(USERS, 1).start();
    try {
      const users = new FasjsonDirectory({ baseUrl: paged.url });
      expect(await users.resolve('email', 'rbean@redhat.com')).toBe('ralph');
      expect(paged.requests[0]!.query['page_size']).toBe('40');
    } finally {
      await paged.stop();
    }
  });
});

describe('FasjsonDirectory: slow and failing answers', () => {
  it('a 500 then a good answer: retried, and answered', async () => {
    fasjson.fail({ status: 500 });
    const users = directory();
    expect(await users.exists('ralph')).toBe(true);
    expect(fasjson.requests).toHaveLength(2);
  });

  it('a slow answer times out and is retried', async () => {
    // The first answer never comes (stop() cuts it); the retry's must come within the timeout, also on a busy machine.
    fasjson.fail({ delayMs: 30_000 });
    const users = directory({ timeoutMs: 1_500 });
    expect(await users.resolve('nick', 'irc:/nirik')).toBe('nirik');
    expect(fasjson.requests).toHaveLength(2);
  });

  it('a persistent failure is a typed error, never "no such account", and is not cached', async () => {
    fasjson.fail({ status: 503 }, 3);
    const users = directory({ retries: 2 });
    const error = await users.exists('ralph').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FasjsonError);
    expect(error).toMatchObject({ code: 'unavailable', attempts: 3 });
    expect(await users.exists('ralph')).toBe(true);
  });

  it('persistent timeouts: code timeout', async () => {
    fasjson.fail({ delayMs: 200 }, 2);
    await expect(directory({ timeoutMs: 50, retries: 1 }).resolve('email', 'kevin@scrye.com')).rejects.toMatchObject({ code: 'timeout', attempts: 2 });
  }, 10_000);

  it('a refused connection: code network', async () => {
    const url = fasjson.url;
    await fasjson.stop();
    const error = await new FasjsonDirectory({ baseUrl: url, retries: 1, backoffMs: 1 }).exists('ralph').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'FasjsonError', code: 'network', attempts: 2 });
    fasjson = await new FasjsonStandIn(USERS).start();
  });

  it('an answer that is not FASJSON\'s: code bad-response, not retried', async () => {
    fasjson.fail({ body: '<html>proxy error</html>' });
    await expect(directory().exists('ralph')).rejects.toMatchObject({ code: 'bad-response', attempts: 1 });
  });
});
