import pg from 'pg';
import type { SqlClient, SqlQueryable } from './sql-client.js';

export interface PgClientOptions {
  /** `postgres://user@host:port/db` */
  connectionString: string;
  /** Schema the stores use (set as the connection's search_path); default: the server's search_path. */
  schema?: string;
  /** Connections in the pool. */
  max?: number;
}

/** A node-postgres pool behind SqlClient. Every connection gets the same search_path. */
export class PgClient implements SqlClient {
  readonly kind = 'pg';
  readonly schema: string | null;
  private readonly pool: pg.Pool;

  constructor(options: PgClientOptions) {
    this.schema = options.schema === undefined ? null : checkSchemaName(options.schema);
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.max ?? 4,
      // search_path as a startup parameter: set before any statement, on every pooled connection.
      ...(this.schema === null ? {} : { options: `-c search_path=${this.schema}` }),
    });
    // An idle connection that the server drops must not crash the host; the next query reconnects.
    this.pool.on('error', () => {});
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    return rowsOf<Row>(await this.pool.query(text, params as unknown[]));
  }

  async transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    const connection = await this.pool.connect();
    try {
      await connection.query('BEGIN');
      const tx: SqlQueryable = {
        query: async <Row>(text: string, params: readonly unknown[] = []) => rowsOf<Row>(await connection.query(text, params as unknown[])),
      };
      const value = await fn(tx);
      await connection.query('COMMIT');
      connection.release();
      return value;
    } catch (error) {
      // A connection whose ROLLBACK fails is broken: destroy it rather than return it to the pool.
      try {
        await connection.query('ROLLBACK');
        connection.release();
      } catch {
        connection.release(true);
      }
      throw error;
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

/** node-postgres answers a script (several statements, no parameters) with one result per statement: its rows are the last one's. */
function rowsOf<Row>(result: pg.QueryResult | pg.QueryResult[]): Row[] {
  const last = Array.isArray(result) ? result[result.length - 1] : result;
  return (last?.rows ?? []) as Row[];
}

/**
 * Schema names are plain identifiers: they travel in the connection's
 * startup options, where quoting rules differ from SQL's.
 */
export function checkSchemaName(name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)) throw new Error(`invalid schema name '${name}': use letters, digits and _`);
  return name;
}

/** An SQL identifier, double-quoted. */
export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
