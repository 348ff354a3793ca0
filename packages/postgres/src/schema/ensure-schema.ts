import type { SqlClient } from '../client/sql-client.js';
import { DATANOMMER_TABLES } from './datanommer-tables.js';
import { ensureTables } from './ensure-tables.js';
import { TAHRIR_TABLES } from './tahrir-tables.js';

/** Create datanommer's tables where they are missing. */
export function ensureDatanommerSchema(client: SqlClient): Promise<string[]> {
  return ensureTables(client, DATANOMMER_TABLES);
}

/** Create tahrir's tables where they are missing. */
export function ensureTahrirSchema(client: SqlClient): Promise<string[]> {
  return ensureTables(client, TAHRIR_TABLES);
}
