import { createHash, randomUUID } from 'node:crypto';
import type { Award, AwardOutcome } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import { isoParam, utcTimestamp } from '../sql/values.js';
import { ensurePerson } from './persons.js';

/** Advisory-lock namespace for "awarding badge B to person P". */
const AWARD_LOCK = 0x61776172; // 'awar'

export interface AwardTarget {
  award: Award;
  email: string;
  nickname: string;
  /** tahrir's issued_for: a link back to the message that earned it. */
  issuedFor: string | null;
  /** Also queue the award's announcement in accolade_outbox, in the same transaction. */
  outbox?: boolean;
}

/**
 * tahrir's add_person + add_assertion as one transaction, at most once per
 * (badge, person):
 * - an advisory lock keyed by (badge, e-mail) makes concurrent awards of
 *   the same pair wait for each other (different pairs never do, barring a
 *   hash collision, which only costs a wait);
 * - under the lock, an assertion that already exists for the pair, under
 *   any id, means "already awarded";
 * - the row's id is tahrir's own `"<badge_id> -> <person_id>"` primary
 *   key, so even a writer that does not take our lock (tahrir itself)
 *   cannot make a second row: ON CONFLICT DO NOTHING reports it instead.
 * Nothing about an existing tahrir schema has to change for this.
 */
export async function awardOnce(client: SqlClient, target: AwardTarget): Promise<AwardOutcome> {
  const { award, email } = target;
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::int, hashtext($2))', [AWARD_LOCK, `${award.badgeId} -> ${email}`]);
    const personId = await ensurePerson(tx, email, target.nickname);
    const held = await tx.query('SELECT 1 FROM assertions WHERE badge_id = $1 AND person_id = $2 LIMIT 1', [award.badgeId, personId]);
    if (held.length > 0) return 'already-awarded';
    // tahrir's defaults: a random salt, and the recipient as sha256(email + salt).
    const salt = randomUUID();
    const recipient = createHash('sha256').update(email + salt).digest('hex');
    const inserted = await tx.query(
      `INSERT INTO assertions (id, badge_id, person_id, salt, issued_on, issued_for, recipient)
       VALUES ($1, $2, $3, $4, ${utcTimestamp('$5')}, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
      [`${award.badgeId} -> ${personId}`, award.badgeId, personId, salt, isoParam(award.issuedAt), target.issuedFor, recipient],
    );
    if (inserted.length === 0) return 'already-awarded';
    if (target.outbox === true) {
      await tx.query(
        `INSERT INTO accolade_outbox (announcement_id, badge_id, username, msg_id, issued_on) VALUES ($1, $2, $3, $4, ${utcTimestamp('$5')})`,
        [randomUUID(), award.badgeId, target.nickname, award.messageId, isoParam(award.issuedAt)],
      );
    }
    return 'awarded';
  });
}
