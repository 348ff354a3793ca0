import type { RecipientConverter, UserDirectory } from '@accolade/core';
import { BoundedCache } from './bounded-cache.js';
import { FasjsonError } from './fasjson-error.js';
import { FasjsonHttp, type FasjsonHttpOptions } from './fasjson-http.js';
import { type ConverterHosts, FEDORA_HOSTS, distgit2fas, githubLogin, krb2fas, openid2fas } from './pure-converters.js';

export interface FasjsonDirectoryOptions extends FasjsonHttpOptions, Partial<ConverterHosts> {
  /** fedbadges' `email_domain`: an address at this domain is the account of that name, no lookup. Default `fedoraproject.org`. */
  emailDomain?: string;
  /** Answers kept (found and not found alike). Default 10,000. */
  cacheSize?: number;
  /** How long an answer is trusted, in milliseconds. Default 10 minutes. */
  cacheTtlMs?: number;
  /** Search pages read at most before a search gives up with nobody found. Default 5. */
  maxSearchPages?: number;
}

/** FASJSON's search answers 40 users a page at most. */
const PAGE_SIZE = 40;

/**
 * Fedora's accounts through FASJSON, as fedbadges asks it: a user by name
 * for "does this account exist", and searches by IRC/Matrix nick, e-mail
 * and GitHub login for `recipient_nick2fas`, `email2fas`, `github2fas`.
 * `openid2fas`, `distgit2fas` and `krb2fas` are string rules (with the
 * configured host names) and never call FASJSON.
 *
 * Answers are cached (bounded, with an age limit); identical lookups in
 * flight share one request. A lookup that fails after its retries rejects
 * with a FasjsonError: null always means "there is no such account".
 */
export class FasjsonDirectory implements UserDirectory {
  readonly http: FasjsonHttp;
  private readonly cache: BoundedCache<string | null>;
  private readonly inFlight = new Map<string, Promise<string | null>>();
  private readonly hosts: ConverterHosts;
  private readonly emailDomain: string;
  private readonly maxSearchPages: number;

  constructor(options: FasjsonDirectoryOptions) {
    this.http = new FasjsonHttp(options);
    this.cache = new BoundedCache(options.cacheSize ?? 10_000, options.cacheTtlMs ?? 600_000);
    this.hosts = {
      idProviderHostname: options.idProviderHostname ?? FEDORA_HOSTS.idProviderHostname,
      distgitHostname: options.distgitHostname ?? FEDORA_HOSTS.distgitHostname,
    };
    this.emailDomain = options.emailDomain ?? 'fedoraproject.org';
    this.maxSearchPages = options.maxSearchPages ?? 5;
  }

  /** Cached answers held now. */
  get cached(): number {
    return this.cache.size;
  }

  async exists(user: string): Promise<boolean> {
    return (await this.remembered(`user:${user}`, () => this.fetchUser(user))) !== null;
  }

  resolve(kind: RecipientConverter, value: string): string | null | Promise<string | null> {
    switch (kind) {
      case 'openid': return openid2fas(value, this.hosts);
      case 'distgit': return distgit2fas(value, this.hosts);
      case 'krb': return krb2fas(value);
      case 'nick': return this.remembered(`nick:${value}`, () => this.searchNick(value));
      case 'email': {
        const suffix = `@${this.emailDomain}`;
        if (value.endsWith(suffix)) return value.slice(0, value.length - suffix.length);
        return this.remembered(`email:${value}`, () => this.searchOne({ email: value }));
      }
      case 'github': {
        // A GitHub API user URL, as rules give it, or the login alone (what the engine asks once it has taken it out).
        const login = githubLogin(value) ?? (/^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})$/.test(value) ? value : null);
        if (login === null) return null;
        return this.remembered(`github:${login}`, () => this.searchOne({ github_username__exact: login }));
      }
    }
  }

  /** The cached answer, the one already being fetched, or a fresh fetch (whose failure is not remembered). */
  private remembered(key: string, fetch: () => Promise<string | null>): Promise<string | null> {
    const hit = this.cache.get(key);
    if (hit !== undefined) return Promise.resolve(hit.value);
    let pending = this.inFlight.get(key);
    if (pending === undefined) {
      pending = fetch().then((value) => { this.cache.set(key, value); return value; }).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, pending);
    }
    return pending;
  }

  private async fetchUser(user: string): Promise<string | null> {
    const answer = await this.http.get(`users/${encodeURIComponent(user)}/`, {}, ['username']);
    if (!answer.found) return null;
    const username = (answer.json['result'] as { username?: unknown } | null)?.username;
    return typeof username === 'string' ? username : user;
  }

  /** A nick with a scheme (`matrix:/x`, `irc:/x`) as it is; a bare one as a Matrix nick, then an IRC nick. */
  private async searchNick(nick: string): Promise<string | null> {
    const candidates = nick.includes(':/') ? [nick] : [`matrix:/${nick}`, `irc:/${nick}`];
    for (const candidate of candidates) {
      const found = await this.searchOne({ ircnick: candidate });
      if (found !== null) return found;
    }
    return null;
  }

  /** The first user a search finds, reading pages until one has a result. */
  private async searchOne(terms: Record<string, string>): Promise<string | null> {
    for (let page = 1; page <= this.maxSearchPages; page++) {
      const answer = await this.http.get('search/users/', { ...terms, page_size: PAGE_SIZE, page_number: page }, ['username']);
      if (!answer.found) return null;
      const result = answer.json['result'];
      if (!Array.isArray(result)) throw new FasjsonError('bad-response', `FASJSON's search answer has no list of users`, 'search/users/', 1);
      const first = result.find((u): u is { username: string } => typeof (u as { username?: unknown } | null)?.username === 'string');
      if (first !== undefined) return first.username;
      const totalPages = (answer.json['page'] as { total_pages?: unknown } | undefined)?.total_pages;
      if (typeof totalPages !== 'number' || page >= totalPages) return null;
    }
    return null;
  }
}
