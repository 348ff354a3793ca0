import pg from 'pg';
import { PgClient } from '../client/pg-client.js';
import type { SqlClient } from '../client/sql-client.js';
import { uniqueSchema } from './schemas.js';

/** The PostgreSQL server the services suite uses (trust auth on this machine). */
export const PG_URL = process.env['ACCOLADE_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

export interface ServerSchema {
  url: string;
  schema: string;
  client: SqlClient;
  /** Close the client and drop the schema with everything in it. */
  drop(): Promise<void>;
}

/** A pool on a schema of its own, so runs and tests never see each other's rows. */
export async function serverSchema(options: { max?: number } = {}): Promise<ServerSchema> {
  const schema = uniqueSchema('srv');
  const client = new PgClient({ connectionString: PG_URL, schema, ...(options.max === undefined ? {} : { max: options.max }) });
  return {
    url: PG_URL,
    schema,
    client,
    async drop() {
      await client.close();
      const admin = new pg.Client({ connectionString: PG_URL });
      await admin.connect();
      try {
        await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      } finally {
        await admin.end();
      }
    },
  };
}
