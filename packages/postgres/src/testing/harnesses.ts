import { MemoryAwardStore, MemoryHistoryStore } from '@accolade/core';
import type { AwardStoreFactory, HistoryStoreFactory } from '@accolade/core/testing';
import { PostgresAwardStore } from '../awards/postgres-award-store.js';
import type { SqlClient } from '../client/sql-client.js';
import { PostgresHistoryStore, type PostgresHistoryStoreOptions } from '../history/postgres-history-store.js';
import { ensureDatanommerSchema, ensureTahrirSchema } from '../schema/ensure-schema.js';
import type { OpenStores } from './engine-differential.js';

/** A database to test on: a client on a fresh schema, and how to let it go. */
export type OpenDatabase = () => Promise<{ client: SqlClient; release(): Promise<void> }>;

export const memoryHistory: HistoryStoreFactory = () => ({ store: new MemoryHistoryStore() });

export const memoryAwards: AwardStoreFactory = ({ optedOut, awards }) => ({ store: new MemoryAwardStore({ optedOut, awards }) });

export const postgresHistory = (open: OpenDatabase): HistoryStoreFactory => async () => {
  const { client, release } = await open();
  await ensureDatanommerSchema(client);
  return { store: new PostgresHistoryStore(client), close: release };
};

export const postgresAwards = (open: OpenDatabase): AwardStoreFactory => async ({ badges, optedOut, awards }) => {
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
