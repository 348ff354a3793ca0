import { quoteIdentifier } from '../client/pg-client.js';
import type { SqlClient } from '../client/sql-client.js';
import type { TableSpec } from './table-spec.js';

/** An existing table lacks a column the store needs. Nothing was changed. */
export class SchemaMismatchError extends Error {}

/** Several processes may bootstrap at once; CREATE TABLE IF NOT EXISTS alone races on the catalog. */
const BOOTSTRAP_LOCK = 0x61636f6c; // 'acol'

/**
 * Create each missing table with its indexes; leave existing ones exactly
 * as they are (no ALTER, no extra index), and check that they have the
 * columns the store uses. Returns the names of the tables it created.
 */
export async function ensureTables(client: SqlClient, tables: readonly TableSpec[]): Promise<string[]> {
  return client.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::int)', [BOOTSTRAP_LOCK]);
    if (client.schema !== null) await tx.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(client.schema)}`);
    const names = tables.map((t) => t.name);
    const existing = await tx.query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns
        WHERE table_schema = current_schema() AND table_name = ANY($1::text[])`,
      [names],
    );
    const columns = new Map<string, Set<string>>();
    for (const row of existing) {
      const set = columns.get(row.table_name) ?? new Set<string>();
      set.add(row.column_name);
      columns.set(row.table_name, set);
    }
    const created: string[] = [];
    for (const table of tables) {
      const have = columns.get(table.name);
      if (have === undefined) {
        for (const statement of table.create) await tx.query(statement);
        created.push(table.name);
        continue;
      }
      const missing = table.columns.filter((c) => !have.has(c));
      if (missing.length > 0) {
        throw new SchemaMismatchError(`table '${table.name}' exists without column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; it was left unchanged (migrate it with its own tool first)`);
      }
    }
    return created;
  });
}
