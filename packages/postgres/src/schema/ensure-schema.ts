import type { SqlClient } from '../client/sql-client.js';
import { DATANOMMER_TABLES } from './datanommer-tables.js';
import { ensureTables } from './ensure-tables.js';
import { OUTBOX_TABLES } from './outbox-tables.js';
import { TAHRIR_TABLES } from './tahrir-tables.js';

/** Create datanommer's tables where they are missing. */
export function ensureDatanommerSchema(client: SqlClient): Promise<string[]> {
  return ensureTables(client, DATANOMMER_TABLES);
}

/** Create tahrir's tables where they are missing. */
export function ensureTahrirSchema(client: SqlClient): Promise<string[]> {
  return ensureTables(client, TAHRIR_TABLES);
}

/** Create Accolade's announcement outbox where it is missing. */
export function ensureOutboxSchema(client: SqlClient): Promise<string[]> {
  return ensureTables(client, OUTBOX_TABLES);
}
