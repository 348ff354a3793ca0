import { MemoryAwardStore, MemoryHistoryStore } from '@accolade/core';
import { PostgresAwardStore } from '../awards/postgres-award-store.js';
import type { SqlClient } from '../client/sql-client.js';
import { PostgresHistoryStore, type PostgresHistoryStoreOptions } from '../history/postgres-history-store.js';
import { ensureDatanommerSchema, ensureTahrirSchema } from '../schema/ensure-schema.js';
import type { OpenAwards } from './award-conformance.js';
import type { OpenStores } from './engine-differential.js';
import type { OpenHistory } from './history-conformance.js';

/** A database to test on: a client on a fresh schema, and how to let it go. */
export type OpenDatabase = () => Promise<{ client: SqlClient; release(): Promise<void> }>;

export const memoryHistory: OpenHistory = async () => ({ store: new MemoryHistoryStore(), close: async () => {} });

export const memoryAwards: OpenAwards = async ({ optedOut, awards }) => ({ store: new MemoryAwardStore({ optedOut, awards }), close: async () => {} });

export const postgresHistory = (open: OpenDatabase): OpenHistory => async () => {
  const { client, release } = await open();
  await ensureDatanommerSchema(client);
  return { store: new PostgresHistoryStore(client), close: release };
};

export const postgresAwards = (open: OpenDatabase): OpenAwards => async ({ badges, optedOut, awards }) => {
  const { client, release } = await open();
  await ensureTahrirSchema(client);
  const store = new PostgresAwardStore(client);
  await store.ensureBadges(badges);
  for (const a of awards) await store.award({ ...a, messageId: null, issuedAt: new Date(0) });
  for (const user of optedOut) await store.setOptedOut(user);
  return { store, close: release };
};

export const postgresStores = (open: OpenDatabase, history: PostgresHistoryStoreOptions = {}): OpenStores => async () => {
  const { client, release } = await open();
  await ensureDatanommerSchema(client);
  await ensureTahrirSchema(client);
  return { history: new PostgresHistoryStore(client, history), awards: new PostgresAwardStore(client), close: release };
};
