/** An award waiting to be announced on the bus, as its outbox row holds it. */
export interface PendingAnnouncement {
  /** The outbox row (store-specific, opaque to the caller). */
  readonly id: string;
  /** Fixed when the award is recorded, so a repeated announcement carries the same id and consumers can drop it. */
  readonly announcementId: string;
  readonly badgeId: string;
  readonly user: string;
  /** The message that earned the award. */
  readonly messageId: string | null;
  readonly issuedAt: Date;
  /** The badge as the award store knows it (absent when its row is gone). */
  readonly badge?: {
    readonly name: string;
    readonly description: string;
    readonly imageUrl: string;
    readonly criteria: string;
    readonly tags: readonly string[];
  };
}

export interface ClaimOptions {
  /** Only the awards this message earned; without it, any pending award. */
  messageId?: string;
  /** At most this many. */
  limit?: number;
  /** Others do not claim them for this long; after it (the claimer died), anyone may. */
  leaseMs?: number;
}

/**
 * Awards recorded but not yet announced. An award store with an outbox
 * writes the award and its outbox row in one transaction, so an award that
 * exists is announced at least once, even when the process dies between the
 * commit and the publish: whoever claims the row next announces it.
 */
export interface AnnouncementOutbox {
  /** Take pending announcements for publishing, oldest first. */
  claim(options?: ClaimOptions): Promise<PendingAnnouncement[]>;
  /** The broker confirmed them: never hand them out again. */
  markPublished(ids: readonly string[]): Promise<void>;
  /** How many wait (for metrics and health). */
  pendingCount(): Promise<number>;
}
