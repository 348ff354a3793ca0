import type { BadgeDefinition } from '@accolade/core';
import type { SqlClient, SqlQueryable } from '../client/sql-client.js';
import { isoParam, utcTimestamp } from '../sql/values.js';
import type { IssuerConfig } from './issuer.js';

/** Widths of the badge columns this database has (tahrir's are VARCHAR(128); a later tahrir may differ or drop `tags`). */
async function badgeColumns(tx: SqlQueryable): Promise<Map<string, number | null>> {
  const rows = await tx.query<{ column_name: string; width: number | null }>(
    `SELECT column_name, character_maximum_length AS width FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name = 'badges'`,
  );
  return new Map(rows.map((r) => [r.column_name, r.width === null ? null : Number(r.width)]));
}

/** tahrir's add_issuer: found by (origin, name), else created. */
async function issuerId(tx: SqlQueryable, issuer: IssuerConfig): Promise<number> {
  const find = async (): Promise<number | undefined> =>
    (await tx.query<{ id: number }>('SELECT id FROM issuers WHERE origin = $1 AND name = $2 ORDER BY id LIMIT 1', [issuer.origin, issuer.name]))[0]?.id;
  const found = await find();
  if (found !== undefined) return found;
  const created = await tx.query<{ id: number }>(
    `INSERT INTO issuers (origin, name, org, contact, created_on) VALUES ($1, $2, $3, $4, ${utcTimestamp('$5')})
     ON CONFLICT DO NOTHING RETURNING id`,
    [issuer.origin, issuer.name, issuer.org, issuer.contact, isoParam(new Date())],
  );
  const id = created[0]?.id ?? (await find());
  if (id === undefined) throw new Error(`issuer name '${issuer.name}' is taken by an issuer with another origin`);
  return id;
}

/** Text cut to the column's width, as tahrir's VARCHAR(128) columns need. */
const fit = (text: string, width: number | null | undefined): string => (width ? Array.from(text).slice(0, width).join('') : text);

/**
 * tahrir's add_badge for every rule, under the id the rule compiler
 * derived from the name as tahrir does (badgeIdFromName): created when
 * missing, left alone when present. `tags` is written comma-separated with
 * the trailing comma tahrir's tag view expects.
 * Afterwards every badge id must exist; a name already taken under another
 * id is reported rather than awarded into a missing badge.
 */
export async function ensureBadges(client: SqlClient, issuer: IssuerConfig, badges: readonly BadgeDefinition[]): Promise<void> {
  if (badges.length === 0) return;
  await client.transaction(async (tx) => {
    const columns = await badgeColumns(tx);
    const issuerRow = await issuerId(tx, issuer);
    const now = isoParam(new Date());
    for (const badge of badges) {
      const values: Array<[string, unknown]> = [
        ['id', badge.id],
        ['name', fit(badge.name, columns.get('name'))],
        ['image', fit(badge.imageUrl, columns.get('image'))],
        ['description', fit(badge.description, columns.get('description'))],
        ['criteria', fit(badge.criteria, columns.get('criteria'))],
        ['issuer_id', issuerRow],
      ];
      if (columns.has('tags')) values.push(['tags', badge.tags.length === 0 ? null : fit(`${badge.tags.join(',')},`, columns.get('tags'))]);
      const names = [...values.map(([c]) => c), 'created_on'];
      const placeholders = [...values.map((_, i) => `$${i + 1}`), utcTimestamp(`$${values.length + 1}`)];
      await tx.query(
        `INSERT INTO badges (${names.join(', ')}) VALUES (${placeholders.join(', ')}) ON CONFLICT DO NOTHING`,
        [...values.map(([, v]) => v), now],
      );
    }
    const ids = badges.map((b) => b.id);
    const present = new Set((await tx.query<{ id: string }>('SELECT id FROM badges WHERE id = ANY($1::text[])', [ids])).map((r) => r.id));
    const missing = ids.filter((id) => !present.has(id));
    if (missing.length > 0) throw new Error(`badges not created (is the name taken by another badge id?): ${missing.join(', ')}`);
  });
}
