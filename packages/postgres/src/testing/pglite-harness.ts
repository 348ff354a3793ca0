import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PgliteClient } from '../client/pglite-client.js';
import type { SqlClient } from '../client/sql-client.js';
import { pgliteTemplate } from './pglite-template.js';
import { uniqueSchema } from './schemas.js';

let shared: Promise<PGlite> | null = null;

/** An in-memory PGlite; from the run's initialised template when there is one (initdb takes seconds). */
function startPglite(): Promise<PGlite> {
  const template = pgliteTemplate();
  if (template === null) return PGlite.create();
  return PGlite.create({ loadDataDir: new Blob([readFileSync(template.dump)]) });
}

/**
 * A client on a fresh schema of one in-memory PGlite per test file (PGlite
 * takes seconds to start). PGlite has one session, so the tests of a file
 * must run one after another, as vitest runs them by default.
 */
export async function pgliteClient(): Promise<SqlClient> {
  shared ??= startPglite();
  const client = PgliteClient.wrap(await shared);
  await client.useSchema(uniqueSchema('lite'));
  return client;
}
