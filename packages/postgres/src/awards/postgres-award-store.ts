import type { Award, AwardOutcome, AwardStore, BadgeDefinition } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import { awardOnce } from './award-once.js';
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
  /** The person row has() just read: the engine asks isOptedOut() for the same user right after. */
  private lastRead: { email: string; optedOut: boolean } | null = null;

  constructor(private readonly client: SqlClient, options: PostgresAwardStoreOptions = {}) {
    this.email = options.personEmail ?? personEmailForDomain(options.emailDomain ?? FEDORA_EMAIL_DOMAIN);
    this.issuer = options.issuer ?? DEFAULT_ISSUER;
    this.issuedFor = options.issuedFor ?? ((award) => award.messageId);
    this.outbox = options.outbox ?? false;
  }

  /**
   * tahrir's assertion_exists. The same read also takes the person's
   * opt_out, which answers the isOptedOut() the engine asks next for this
   * user without another round trip (one read, as if both were asked at once).
   */
  async has(badgeId: string, user: string): Promise<boolean> {
    const email = this.email(user);
    const rows = await this.client.query<{ opt_out: boolean; held: boolean }>(
      `SELECT p.opt_out, EXISTS (SELECT 1 FROM assertions a WHERE a.person_id = p.id AND a.badge_id = $2) AS held
         FROM persons p WHERE p.email = $1`,
      [email, badgeId],
    );
    this.lastRead = { email, optedOut: rows[0]?.opt_out === true };
    return rows[0]?.held === true;
  }

  /** tahrir's person_opted_out: someone unknown has not opted out. */
  async isOptedOut(user: string): Promise<boolean> {
    const email = this.email(user);
    const last = this.lastRead;
    this.lastRead = null;
    if (last !== null && last.email === email) return last.optedOut;
    const rows = await this.client.query<{ opt_out: boolean }>('SELECT opt_out FROM persons WHERE email = $1', [email]);
    return rows[0]?.opt_out === true;
  }

  award(award: Award): Promise<AwardOutcome> {
    this.lastRead = null;
    return awardOnce(this.client, { award, email: this.email(award.user), nickname: award.user, issuedFor: this.issuedFor(award), outbox: this.outbox });
  }

  ensureBadges(badges: readonly BadgeDefinition[]): Promise<void> {
    return ensureBadges(this.client, this.issuer, badges);
  }

  /** Record that a user opted out of badges (or back in). */
  setOptedOut(user: string, optedOut = true): Promise<void> {
    this.lastRead = null;
    return this.client.transaction((tx) => setOptOut(tx, this.email(user), user, optedOut));
  }
}
