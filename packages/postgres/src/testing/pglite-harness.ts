import { PGlite } from '@electric-sql/pglite';
import { PgliteClient } from '../client/pglite-client.js';
import type { SqlClient } from '../client/sql-client.js';
import { uniqueSchema } from './schemas.js';

let shared: Promise<PGlite> | null = null;

/**
 * A client on a fresh schema of one in-memory PGlite per test file (PGlite
 * takes seconds to start). PGlite has one session, so the tests of a file
 * must run one after another, as vitest runs them by default.
 */
export async function pgliteClient(): Promise<SqlClient> {
  shared ??= PGlite.create();
  const client = PgliteClient.wrap(await shared);
  await client.useSchema(uniqueSchema('lite'));
  return client;
}
