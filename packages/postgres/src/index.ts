export type { SqlClient, SqlQueryable } from './client/sql-client.js';
export { PgClient, type PgClientOptions } from './client/pg-client.js';
export { PgliteClient, type PgliteClientOptions, type PgliteDatabase, type PgliteTransaction } from './client/pglite-client.js';
export { connect, type ConnectOptions } from './client/connect.js';
export { parseStoreUrl, StoreUrlError, type StoreLocation } from './client/store-url.js';

export type { TableSpec } from './schema/table-spec.js';
export { DATANOMMER_TABLES } from './schema/datanommer-tables.js';
export { TAHRIR_TABLES } from './schema/tahrir-tables.js';
export { ensureTables, SchemaMismatchError } from './schema/ensure-tables.js';
export { OUTBOX_TABLES } from './schema/outbox-tables.js';
export { ensureDatanommerSchema, ensureTahrirSchema, ensureOutboxSchema } from './schema/ensure-schema.js';
export { PostgresOutbox } from './outbox/postgres-outbox.js';

export { PostgresHistoryStore, HistoryWaitError, type PostgresHistoryStoreOptions } from './history/postgres-history-store.js';
export type { RunningCountsOptions } from './history/running-counts.js';
export { recordMessage } from './history/record-message.js';
export { bulkLoadHistory } from './history/bulk-load-history.js';
export { countSql, findSql } from './history/query-sql.js';

export { PostgresAwardStore, type PostgresAwardStoreOptions } from './awards/postgres-award-store.js';
export { DEFAULT_ISSUER, type IssuerConfig } from './awards/issuer.js';
export { FEDORA_EMAIL_DOMAIN, personEmailForDomain, type PersonEmail } from './awards/person-email.js';

export { openStores, openStoresOn, type OpenStoresOptions, type PostgresStores } from './open-stores.js';
export { checkSchemaName, quoteIdentifier } from './client/pg-client.js';

export { backfill, type BackfillOptions, type BackfillResult } from './backfill/backfill.js';
export { storedMessages, countStoredMessages, type StoredWindow, type StoredMessage } from './backfill/stored-messages.js';
