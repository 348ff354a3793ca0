import type { Award, AwardOutcome, AwardStore, BadgeDefinition } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import { type AwardTarget, awardAll } from './award-once.js';
import { ensureBadges } from './ensure-badges.js';
import { DEFAULT_ISSUER, type IssuerConfig } from './issuer.js';
import { FEDORA_EMAIL_DOMAIN, type PersonEmail, personEmailForDomain } from './person-email.js';
import { setOptOut } from './persons.js';

export interface PostgresAwardStoreOptions {
  /** The e-mail domain persons get (`<user>@<domain>`); default fedoraproject.org, as fedbadges. */
  emailDomain?: string;
  /** Or a mapping of its own from user to e-mail (wins over emailDomain). */
  personEmail?: PersonEmail;
  /** The issuer of every badge; default Fedora's. */
  issuer?: IssuerConfig;
  /** tahrir's issued_for for an award; default the message id (fedbadges writes a datagrepper link). */
  issuedFor?: (award: Award) => string | null;
  /**
   * Queue every new award's announcement in `accolade_outbox` in the
   * award's own transaction (see PostgresOutbox); the table must exist
   * (ensureOutboxSchema). Default false.
   */
  outbox?: boolean;
}

interface Asked {
  badgeId: string;
  email: string;
  resolve(held: boolean): void;
  reject(error: unknown): void;
}

/**
 * An AwardStore over tahrir's tables, on a server or on PGlite. Run
 * ensureTahrirSchema() first (it changes nothing in an existing tahrir
 * database).
 */
export class PostgresAwardStore implements AwardStore {
  private readonly email: PersonEmail;
  private readonly issuer: IssuerConfig;
  private readonly issuedFor: (award: Award) => string | null;
  private readonly outbox: boolean;
  /** has() calls made since the last read was sent: they are read together (see has). */
  private asked: Asked[] = [];
  /** award() calls made since the last batch was sent: they are written together (see award). */
  private awarding: Array<{ target: AwardTarget; resolve(outcome: AwardOutcome): void; reject(error: unknown): void }> = [];
  /** Opt-outs the last read of has() fetched, by e-mail: the engine asks isOptedOut() for those users right after. */
  private lastRead = new Map<string, boolean>();

  constructor(private readonly client: SqlClient, options: PostgresAwardStoreOptions = {}) {
    this.email = options.personEmail ?? personEmailForDomain(options.emailDomain ?? FEDORA_EMAIL_DOMAIN);
    this.issuer = options.issuer ?? DEFAULT_ISSUER;
    this.issuedFor = options.issuedFor ?? ((award) => award.messageId);
    this.outbox = options.outbox ?? false;
  }

  /**
   * tahrir's assertion_exists. Calls made together (the engine asks the
   * checks of all the rules of a group, for every candidate, before it
   * awaits any) are read in one query, sent once the caller's synchronous
   * work is done: one round trip instead of one per (badge, user). The same
   * read takes each person's opt_out, which answers the isOptedOut() the
   * engine asks next for these users without another round trip.
   */
  has(badgeId: string, user: string): Promise<boolean> {
    const email = this.email(user);
    return new Promise<boolean>((resolve, reject) => {
      this.asked.push({ badgeId, email, resolve, reject });
      if (this.asked.length === 1) queueMicrotask(() => void this.readAsked());
    });
  }

  private async readAsked(): Promise<void> {
    const asked = this.asked;
    this.asked = [];
    try {
      const emails = [...new Set(asked.map((a) => a.email))];
      const badges = [...new Set(asked.map((a) => a.badgeId))];
      const rows = await this.client.query<{ email: string; opt_out: boolean | null; held: string[] }>(
        `SELECT p.email, p.opt_out, ARRAY(SELECT a.badge_id FROM assertions a WHERE a.person_id = p.id AND a.badge_id = ANY($2::text[])) AS held
           FROM persons p WHERE p.email = ANY($1::text[])`,
        [emails, badges],
      );
      const held = new Map(rows.map((r) => [r.email, new Set(r.held)]));
      // Someone unknown has not opted out (tahrir's person_opted_out).
      this.lastRead = new Map(emails.map((e) => [e, false]));
      for (const r of rows) this.lastRead.set(r.email, r.opt_out === true);
      for (const a of asked) a.resolve(held.get(a.email)?.has(a.badgeId) === true);
    } catch (error) {
      for (const a of asked) a.reject(error);
    }
  }

  /** tahrir's person_opted_out: someone unknown has not opted out. */
  async isOptedOut(user: string): Promise<boolean> {
    const email = this.email(user);
    const last = this.lastRead.get(email);
    // Once: a later question is answered by a new read.
    this.lastRead.delete(email);
    if (last !== undefined) return last;
    const rows = await this.client.query<{ opt_out: boolean }>('SELECT opt_out FROM persons WHERE email = $1', [email]);
    return rows[0]?.opt_out === true;
  }

  /**
   * Record the award (see awardAll). Awards asked together (the engine asks
   * a message's awards before it awaits any) are written in one
   * transaction, one round trip and one commit, in the order asked.
   */
  award(award: Award): Promise<AwardOutcome> {
    this.lastRead.clear();
    const target: AwardTarget = { award, email: this.email(award.user), nickname: award.user, issuedFor: this.issuedFor(award), outbox: this.outbox };
    return new Promise<AwardOutcome>((resolve, reject) => {
      this.awarding.push({ target, resolve, reject });
      if (this.awarding.length === 1) queueMicrotask(() => void this.writeAwards());
    });
  }

  private async writeAwards(): Promise<void> {
    const batch = this.awarding;
    this.awarding = [];
    try {
      const outcomes = await awardAll(this.client, batch.map((b) => b.target));
      batch.forEach((b, i) => b.resolve(outcomes[i]!));
    } catch (error) {
      for (const b of batch) b.reject(error);
    }
  }

  ensureBadges(badges: readonly BadgeDefinition[]): Promise<void> {
    return ensureBadges(this.client, this.issuer, badges);
  }

  /** Record that a user opted out of badges (or back in). */
  setOptedOut(user: string, optedOut = true): Promise<void> {
    this.lastRead.clear();
    return this.client.transaction((tx) => setOptOut(tx, this.email(user), user, optedOut));
  }
}
