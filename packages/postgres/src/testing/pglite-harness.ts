import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import { PgliteClient, type PgliteDatabase, type PgliteTransaction } from '../client/pglite-client.js';
import type { SqlClient } from '../client/sql-client.js';
import { pgliteTemplate } from './pglite-template.js';
import { uniqueSchema } from './schemas.js';

let shared: Promise<PgliteDatabase> | null = null;

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * PGlite answers from WebAssembly through promises that are already settled,
 * so a test that runs thousands of statements never lets the event loop turn.
 * Vitest's worker then cannot take the answers to its own calls to the main
 * process, and on a busy machine, where such a test runs for minutes, it fails
 * the run with "Timeout calling onTaskUpdate". Each statement here first lets
 * the loop turn once.
 */
function yielding(db: PGlite): PgliteDatabase {
  const tx = (inner: PgliteTransaction): PgliteTransaction => ({
    exec: async (query) => { await turn(); return inner.exec(query); },
    query: async (query, params) => { await turn(); return inner.query(query, params); },
  });
  return {
    get closed() { return db.closed; },
    exec: async (query) => { await turn(); return db.exec(query); },
    query: async (query, params) => { await turn(); return db.query(query, params); },
    transaction: async (callback) => { await turn(); return db.transaction((inner) => callback(tx(inner))); },
    close: () => db.close(),
  };
}

/** An in-memory PGlite; from the run's initialised template when there is one (initdb takes seconds). */
async function startPglite(): Promise<PgliteDatabase> {
  const template = pgliteTemplate();
  const db = template === null ? await PGlite.create() : await PGlite.create({ loadDataDir: new Blob([readFileSync(template.dump)]) });
  return yielding(db);
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
