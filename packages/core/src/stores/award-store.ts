import type { MaybePromise } from './maybe-promise.js';

export interface Award {
  readonly badgeId: string;
  readonly user: string;
  /** The message that earned it (null for awards made by hand). */
  readonly messageId: string | null;
  readonly issuedAt: Date;
}

/** `awarded` the first time; `already-awarded` for any repeat, which is never an error. */
export type AwardOutcome = 'awarded' | 'already-awarded';

/** A badge as the award store records it (tahrir's `badges` row). */
export interface BadgeDefinition {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly imageUrl: string;
  readonly criteria: string;
  readonly issuerId?: string;
  readonly tags: readonly string[];
}

/** Where awards live: at most one per (badge, user). */
export interface AwardStore {
  has(badgeId: string, user: string): MaybePromise<boolean>;
  isOptedOut(user: string): MaybePromise<boolean>;
  /** Record the award exactly once; a repeat (also a concurrent one) reports `already-awarded`. */
  award(award: Award): MaybePromise<AwardOutcome>;
  /** Make sure every rule's badge exists before awarding it. */
  ensureBadges?(badges: readonly BadgeDefinition[]): MaybePromise<void>;
}
