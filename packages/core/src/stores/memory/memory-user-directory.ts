import type { RecipientConverter, UserDirectory } from '../user-directory.js';

export interface MemoryUserDirectoryOptions {
  /** Known accounts. Without this list every name exists. */
  users?: Iterable<string>;
  /**
   * Per converter kind, what the engine asks -> account (e.g. `{ nick: { ralph_irc: 'ralph' } }`);
   * `github` by login, `email` by addresses outside fedoraproject.org, as the engine asks (see UserDirectory).
   */
  aliases?: Partial<Record<RecipientConverter, Record<string, string>>>;
}

/**
 * The conversions that need no account lookup, as fedbadges does them: the
 * account name is part of the value. Anything else is kept as it is.
 */
const PURE_CONVERSIONS: Partial<Record<RecipientConverter, (value: string) => string>> = {
  openid: (v) => /^https?:\/\/([a-z][a-z0-9]+)\.id\.fedoraproject\.org$/.exec(v)?.[1] ?? v,
  distgit: (v) => /^https?:\/\/src\.fedoraproject\.org\/user\/([a-z][a-z0-9]+)$/.exec(v)?.[1] ?? v,
  krb: (v) => v.split('/')[0]!,
  email: (v) => (v.endsWith('@fedoraproject.org') ? v.slice(0, v.lastIndexOf('@')) : v),
  github: (v) => /^https?:\/\/api\.github\.com\/users\/([a-z][a-z0-9-]+)$/.exec(v)?.[1] ?? v,
};

/** Accounts and alias tables in memory; without a table a converter falls back to the pure conversion. */
export class MemoryUserDirectory implements UserDirectory {
  private readonly users: Set<string> | null;
  private readonly aliases: Partial<Record<RecipientConverter, Map<string, string>>>;

  constructor(options: MemoryUserDirectoryOptions = {}) {
    this.users = options.users === undefined ? null : new Set(options.users);
    this.aliases = Object.fromEntries(
      Object.entries(options.aliases ?? {}).map(([kind, table]) => [kind, new Map(Object.entries(table ?? {}))]),
    );
  }

  exists(user: string): boolean {
    return this.users === null || this.users.has(user);
  }

  resolve(kind: RecipientConverter, value: string): string | null {
    const table = this.aliases[kind];
    if (table !== undefined) return table.get(value) ?? null;
    return PURE_CONVERSIONS[kind]?.(value) ?? value;
  }
}
