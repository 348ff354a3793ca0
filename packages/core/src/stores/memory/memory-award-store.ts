import type { Award, AwardOutcome, AwardStore, BadgeDefinition } from '../award-store.js';

/** Awards in memory. Award-once holds because JavaScript runs one award call at a time. */
export class MemoryAwardStore implements AwardStore {
  private readonly awarded = new Map<string, Award>();
  private readonly optedOut: Set<string>;
  readonly badges = new Map<string, BadgeDefinition>();

  constructor(options: { awards?: Iterable<Pick<Award, 'badgeId' | 'user'> & Partial<Award>>; optedOut?: Iterable<string> } = {}) {
    this.optedOut = new Set(options.optedOut ?? []);
    for (const a of options.awards ?? []) {
      this.award({ messageId: null, issuedAt: new Date(0), ...a });
    }
  }

  has(badgeId: string, user: string): boolean {
    return this.awarded.has(key(badgeId, user));
  }

  isOptedOut(user: string): boolean {
    return this.optedOut.has(user);
  }

  optOut(user: string): void {
    this.optedOut.add(user);
  }

  award(award: Award): AwardOutcome {
    const k = key(award.badgeId, award.user);
    if (this.awarded.has(k)) return 'already-awarded';
    this.awarded.set(k, award);
    return 'awarded';
  }

  ensureBadges(badges: readonly BadgeDefinition[]): void {
    for (const b of badges) if (!this.badges.has(b.id)) this.badges.set(b.id, b);
  }

  /** Every award, in the order given. */
  list(): Award[] {
    return [...this.awarded.values()];
  }
}

const key = (badgeId: string, user: string): string => `${badgeId}\u0000${user}`;
