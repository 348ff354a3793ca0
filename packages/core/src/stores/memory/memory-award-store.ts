import type { Award, AwardOutcome, AwardStore, BadgeDefinition } from '../award-store.js';

/** Awards in memory. Award-once holds because JavaScript runs one award call at a time. */
export class MemoryAwardStore implements AwardStore {
  /** Holders by badge, then user: no key to build on the hot path. */
  private readonly holders = new Map<string, Map<string, Award>>();
  private readonly inOrder: Award[] = [];
  private readonly optedOut: Set<string>;
  readonly badges = new Map<string, BadgeDefinition>();

  constructor(options: { awards?: Iterable<Pick<Award, 'badgeId' | 'user'> & Partial<Award>>; optedOut?: Iterable<string> } = {}) {
    this.optedOut = new Set(options.optedOut ?? []);
    for (const a of options.awards ?? []) {
      this.award({ messageId: null, issuedAt: new Date(0), ...a });
    }
  }

  has(badgeId: string, user: string): boolean {
    return this.holders.get(badgeId)?.has(user) ?? false;
  }

  isOptedOut(user: string): boolean {
    return this.optedOut.has(user);
  }

  optOut(user: string): void {
    this.optedOut.add(user);
  }

  award(award: Award): AwardOutcome {
    let holders = this.holders.get(award.badgeId);
    if (holders === undefined) this.holders.set(award.badgeId, (holders = new Map()));
    if (holders.has(award.user)) return 'already-awarded';
    holders.set(award.user, award);
    this.inOrder.push(award);
    return 'awarded';
  }

  ensureBadges(badges: readonly BadgeDefinition[]): void {
    for (const b of badges) if (!this.badges.has(b.id)) this.badges.set(b.id, b);
  }

  /** Every award, in the order given. */
  list(): Award[] {
    return [...this.inOrder];
  }
}
