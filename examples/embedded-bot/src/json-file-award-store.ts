import { join } from 'node:path';
import type { Award, AwardOutcome, AwardStore, BadgeDefinition } from '@accolade/core';
import { appendJsonLine, readJsonLines } from './json-lines-file.js';

type StoredAward = Omit<Award, 'issuedAt'> & { issuedAt: string };

export interface JsonFileAwardStoreOptions {
  /** People who asked never to receive badges. */
  optedOut?: Iterable<string>;
}

/**
 * Awards and badges in two append-only files (`awards.jsonl`,
 * `badges.jsonl`), read at start-up and kept in memory.
 *
 * At most one award per (badge, user): `award` checks and records in one
 * synchronous step, so even overlapping calls cannot both see "not yet
 * awarded" (JavaScript runs one of them to the end first). A store that
 * awaits between the check and the write (a database) must make the write
 * itself refuse a duplicate instead: a unique key, an upsert.
 */
export class JsonFileAwardStore implements AwardStore {
  private readonly holders = new Map<string, Award>();
  private readonly inOrder: Award[] = [];
  private readonly badges = new Map<string, BadgeDefinition>();
  private readonly optedOut: ReadonlySet<string>;

  private constructor(private readonly folder: string, options: JsonFileAwardStoreOptions) {
    this.optedOut = new Set(options.optedOut ?? []);
  }

  static open(folder: string, options: JsonFileAwardStoreOptions = {}): JsonFileAwardStore {
    const store = new JsonFileAwardStore(folder, options);
    for (const value of readJsonLines(store.awardsFile)) {
      const stored = value as StoredAward;
      store.keep({ ...stored, issuedAt: new Date(stored.issuedAt) });
    }
    for (const value of readJsonLines(store.badgesFile)) {
      const badge = value as BadgeDefinition;
      store.badges.set(badge.id, badge);
    }
    return store;
  }

  has(badgeId: string, user: string): boolean {
    return this.holders.has(key(badgeId, user));
  }

  isOptedOut(user: string): boolean {
    return this.optedOut.has(user);
  }

  /** `awarded` the first time; every repeat, which is never an error, `already-awarded`. */
  award(award: Award): AwardOutcome {
    if (this.has(award.badgeId, award.user)) return 'already-awarded';
    // Written first: if the write throws, nothing was awarded and the engine's caller may retry.
    appendJsonLine(this.awardsFile, { ...award, issuedAt: award.issuedAt.toISOString() } satisfies StoredAward);
    this.keep(award);
    return 'awarded';
  }

  /** Called by the engine before its first message, with every rule's badge; new ones are recorded. */
  ensureBadges(badges: readonly BadgeDefinition[]): void {
    for (const badge of badges) {
      if (this.badges.has(badge.id)) continue;
      appendJsonLine(this.badgesFile, badge);
      this.badges.set(badge.id, badge);
    }
  }

  badge(id: string): BadgeDefinition | undefined {
    return this.badges.get(id);
  }

  /** Every award, in the order made. */
  list(): Award[] {
    return [...this.inOrder];
  }

  private get awardsFile(): string {
    return join(this.folder, 'awards.jsonl');
  }

  private get badgesFile(): string {
    return join(this.folder, 'badges.jsonl');
  }

  private keep(award: Award): void {
    const k = key(award.badgeId, award.user);
    if (this.holders.has(k)) return;
    this.holders.set(k, award);
    this.inOrder.push(award);
  }
}

/** Badge ids and user names never hold a NUL, so the pair is unambiguous. */
const key = (badgeId: string, user: string): string => `${badgeId}\u0000${user}`;
