import { type ConnectOptions, connect } from './client/connect.js';
import type { SqlClient } from './client/sql-client.js';
import type { StoreLocation } from './client/store-url.js';
import { type PostgresAwardStoreOptions, PostgresAwardStore } from './awards/postgres-award-store.js';
import { type PostgresHistoryStoreOptions, PostgresHistoryStore } from './history/postgres-history-store.js';
import { ensureDatanommerSchema, ensureOutboxSchema, ensureTahrirSchema } from './schema/ensure-schema.js';
import { PostgresOutbox } from './outbox/postgres-outbox.js';

export interface OpenStoresOptions extends ConnectOptions {
  history?: PostgresHistoryStoreOptions;
  awards?: PostgresAwardStoreOptions;
}

export interface PostgresStores {
  client: SqlClient;
  history: PostgresHistoryStore;
  awards: PostgresAwardStore;
  /** With `awards.outbox`: the awards waiting to be announced. */
  outbox: PostgresOutbox | null;
  close(): Promise<void>;
}

/**
 * Both stores on a client the caller keeps: create whatever part of
 * datanommer's and tahrir's schemas is missing, and hand back the stores.
 */
export async function openStoresOn(client: SqlClient, options: Pick<OpenStoresOptions, 'history' | 'awards'> = {}): Promise<Omit<PostgresStores, 'client' | 'close'>> {
  await ensureDatanommerSchema(client);
  await ensureTahrirSchema(client);
  const outbox = options.awards?.outbox === true;
  if (outbox) await ensureOutboxSchema(client);
  return {
    history: new PostgresHistoryStore(client, options.history),
    awards: new PostgresAwardStore(client, options.awards),
    outbox: outbox ? new PostgresOutbox(client) : null,
  };
}

/**
 * Both stores in one database: connect, create whatever part of
 * datanommer's and tahrir's schemas is missing, and hand back the stores.
 * `where` is `postgres://...`, `pglite:<dir>` or `pglite:memory`.
 */
export async function openStores(where: string | StoreLocation, options: OpenStoresOptions = {}): Promise<PostgresStores> {
  const client = await connect(where, options);
  try {
    return { client, ...(await openStoresOn(client, options)), close: () => client.close() };
  } catch (error) {
    await client.close();
    throw error;
  }
}
