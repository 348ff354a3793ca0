import { type ConnectOptions, connect } from './client/connect.js';
import type { SqlClient } from './client/sql-client.js';
import type { StoreLocation } from './client/store-url.js';
import { type PostgresAwardStoreOptions, PostgresAwardStore } from './awards/postgres-award-store.js';
import { type PostgresHistoryStoreOptions, PostgresHistoryStore } from './history/postgres-history-store.js';
import { ensureDatanommerSchema, ensureTahrirSchema } from './schema/ensure-schema.js';

export interface OpenStoresOptions extends ConnectOptions {
  history?: PostgresHistoryStoreOptions;
  awards?: PostgresAwardStoreOptions;
}

export interface PostgresStores {
  client: SqlClient;
  history: PostgresHistoryStore;
  awards: PostgresAwardStore;
  close(): Promise<void>;
}

/**
 * Both stores on a client the caller keeps: create whatever part of
 * datanommer's and tahrir's schemas is missing, and hand back the stores.
 */
export async function openStoresOn(client: SqlClient, options: Pick<OpenStoresOptions, 'history' | 'awards'> = {}): Promise<{ history: PostgresHistoryStore; awards: PostgresAwardStore }> {
  await ensureDatanommerSchema(client);
  await ensureTahrirSchema(client);
  return { history: new PostgresHistoryStore(client, options.history), awards: new PostgresAwardStore(client, options.awards) };
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
