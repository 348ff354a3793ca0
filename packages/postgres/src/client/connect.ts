import { PgClient } from './pg-client.js';
import { PgliteClient } from './pglite-client.js';
import type { SqlClient } from './sql-client.js';
import { type StoreLocation, parseStoreUrl } from './store-url.js';

export interface ConnectOptions {
  /** Overrides the address's own `?schema=`. */
  schema?: string;
  /** Pool size for a server. */
  max?: number;
}

/** Open a SqlClient for `postgres://...`, `pglite:<dir>` or `pglite:memory`. */
export async function connect(where: string | StoreLocation, options: ConnectOptions = {}): Promise<SqlClient> {
  const location = typeof where === 'string' ? parseStoreUrl(where) : where;
  const schema = options.schema ?? location.schema;
  if (location.kind === 'pg') {
    return new PgClient({
      connectionString: location.connectionString,
      ...(schema === undefined ? {} : { schema }),
      ...(options.max === undefined ? {} : { max: options.max }),
    });
  }
  return PgliteClient.open({
    ...(location.dataDir === undefined ? {} : { dataDir: location.dataDir }),
    ...(schema === undefined ? {} : { schema }),
  });
}
