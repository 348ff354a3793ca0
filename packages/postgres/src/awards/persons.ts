import type { SqlQueryable } from '../client/sql-client.js';
import { textLiteral } from '../sql/literals.js';
import { isoParam, utcTimestamp } from '../sql/values.js';

/**
 * ensurePerson as statements of a script (see awardOnce): each runs with a
 * snapshot of its own, so the second sees the row the first inserted (or a
 * concurrent award committed) and adds the person without a nickname only
 * when there is still none: the first was refused because the nickname is
 * someone else's. ON CONFLICT DO NOTHING takes both unique keys (e-mail,
 * nickname).
 */
export function ensurePersonStatements(email: string, nickname: string): string[] {
  const address = textLiteral(email);
  const now = utcTimestamp(textLiteral(isoParam(new Date())));
  return [textLiteral(nickname), 'NULL'].map((nick) =>
    `INSERT INTO persons (email, nickname, created_on, opt_out)
     SELECT ${address}, ${nick}, ${now}, false WHERE NOT EXISTS (SELECT 1 FROM persons WHERE email = ${address})
     ON CONFLICT DO NOTHING`);
}

/**
 * tahrir's add_person inside the caller's transaction: the row for this
 * e-mail, created when missing with the nickname tahrir defaults to (the
 * part before the @). When that nickname is already someone else's
 * (nickname is unique too), the person is created without one rather than
 * failing the award. Resolves to the person's id.
 */
export async function ensurePerson(tx: SqlQueryable, email: string, nickname: string): Promise<number> {
  const find = async (): Promise<number | undefined> =>
    (await tx.query<{ id: number }>('SELECT id FROM persons WHERE email = $1', [email]))[0]?.id;
  const existing = await find();
  if (existing !== undefined) return existing;
  for (const nick of [nickname, null]) {
    const created = await tx.query<{ id: number }>(
      `INSERT INTO persons (email, nickname, created_on, opt_out) VALUES ($1, $2, ${utcTimestamp('$3')}, false)
       ON CONFLICT DO NOTHING RETURNING id`,
      [email, nick, isoParam(new Date())],
    );
    const id = created[0]?.id ?? (await find());
    if (id !== undefined) return id;
  }
  throw new Error(`could not create a person for ${email}`);
}

/** Mark a person as opted out (creating them if needed), as tahrir's own opt-out does. */
export async function setOptOut(tx: SqlQueryable, email: string, nickname: string, optOut: boolean): Promise<void> {
  const id = await ensurePerson(tx, email, nickname);
  await tx.query('UPDATE persons SET opt_out = $2 WHERE id = $1', [id, optOut]);
}
