import { createHash, randomUUID } from 'node:crypto';
import type { Award, AwardOutcome } from '@accolade/core';
import type { SqlClient } from '../client/sql-client.js';
import { nullableLiteral, textLiteral } from '../sql/literals.js';
import { isoParam, utcTimestamp } from '../sql/values.js';
import { ensurePersonStatements } from './persons.js';

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
 * tahrir's add_person + add_assertion, at most once per (badge, person),
 * for several awards in one transaction:
 * - an advisory lock keyed by (badge, e-mail) makes concurrent awards of
 *   the same pair wait for each other (different pairs never do, barring a
 *   hash collision, which only costs a wait); a batch takes its locks in
 *   sorted order, so two batches never wait on each other in a cycle;
 * - the person row, created when missing (see ensurePersonStatements: with
 *   the nickname, or without one when the nickname is someone else's);
 * - under the lock, an assertion that already exists for the pair, under
 *   any id, means "already awarded";
 * - the row's id is tahrir's own `"<badge_id> -> <person_id>"` primary
 *   key, so even a writer that does not take our lock (tahrir itself)
 *   cannot make a second row: ON CONFLICT DO NOTHING reports it instead.
 * Nothing about an existing tahrir schema has to change for this.
 *
 * It is one script, one round trip and one commit for the whole batch (see
 * SqlQueryable.query): a script is one transaction, and each of its
 * statements takes its snapshot when it starts, so every step sees what
 * the steps before it and earlier holders of the locks committed, as the
 * statements of a transaction did one by one. The awards are written in
 * the order given (their outbox rows too, so announcements keep it); a pair
 * given twice is awarded once, the first time. If anything fails, nothing
 * of the batch is written. The values are written as literals, since a
 * script has no parameters.
 */
export async function awardAll(client: SqlClient, targets: readonly AwardTarget[]): Promise<AwardOutcome[]> {
  const lockKey = (t: AwardTarget): string => `${t.award.badgeId} -> ${t.email}`;
  const firsts = new Map<string, number>();
  targets.forEach((t, i) => { if (!firsts.has(lockKey(t))) firsts.set(lockKey(t), i); });
  const written = [...firsts.values()].map((i) => targets[i]!);
  if (written.length === 0) return [];
  const salts = written.map(() => randomUUID());
  const script = [
    ...[...firsts.keys()].sort().map((key) => `SELECT pg_advisory_xact_lock(${AWARD_LOCK}, hashtext(${textLiteral(key)}))`),
    ...[...new Map(written.map((t) => [t.email, t.nickname])).entries()].flatMap(([email, nickname]) => ensurePersonStatements(email, nickname)),
    ...written.map((t, i) => assertionStatement(t, salts[i]!)),
    // Which of them this transaction wrote: the row with its own random salt.
    `SELECT v.ord, p.id AS person, EXISTS (SELECT 1 FROM assertions a WHERE a.id = v.badge || ' -> ' || p.id AND a.salt = v.salt) AS awarded
       FROM (VALUES ${written.map((t, i) => `(${i}, ${textLiteral(t.email)}, ${textLiteral(t.award.badgeId)}, ${textLiteral(salts[i]!)})`).join(', ')}) AS v(ord, email, badge, salt)
       LEFT JOIN persons p ON p.email = v.email
      ORDER BY v.ord`,
  ].join(';\n');
  const rows = await client.query<{ ord: number; person: number | null; awarded: boolean }>(script);
  const outcome = new Map<string, AwardOutcome>();
  written.forEach((t, i) => {
    const row = rows[i];
    if (row === undefined || row.person === null) throw new Error(`could not create a person for ${t.email}`);
    outcome.set(lockKey(t), row.awarded ? 'awarded' : 'already-awarded');
  });
  return targets.map((t, i) => (firsts.get(lockKey(t)) === i ? outcome.get(lockKey(t))! : 'already-awarded'));
}

/** One award's assertion (and outbox row) once the locks are held and the person exists. */
function assertionStatement(target: AwardTarget, salt: string): string {
  const { award, email } = target;
  // tahrir's defaults: a random salt, and the recipient as sha256(email + salt).
  const recipient = createHash('sha256').update(email + salt).digest('hex');
  const badge = textLiteral(award.badgeId);
  const issuedOn = utcTimestamp(textLiteral(isoParam(award.issuedAt)));
  const outbox = target.outbox === true
    ? `, o AS (
         INSERT INTO accolade_outbox (announcement_id, badge_id, username, msg_id, issued_on)
         SELECT ${textLiteral(randomUUID())}, ${badge}, ${textLiteral(target.nickname)}, ${nullableLiteral(award.messageId)}, ${issuedOn} FROM ins)`
    : '';
  return `WITH p AS (SELECT id FROM persons WHERE email = ${textLiteral(email)}),
     held AS (SELECT 1 FROM assertions a JOIN p ON a.person_id = p.id WHERE a.badge_id = ${badge} LIMIT 1),
     ins AS (
       INSERT INTO assertions (id, badge_id, person_id, salt, issued_on, issued_for, recipient)
       SELECT ${badge} || ' -> ' || p.id, ${badge}, p.id, ${textLiteral(salt)}, ${issuedOn}, ${nullableLiteral(target.issuedFor)}, ${textLiteral(recipient)}
         FROM p WHERE NOT EXISTS (SELECT 1 FROM held)
       ON CONFLICT DO NOTHING RETURNING id
     )${outbox}
     SELECT 1`;
}
