import { PGlite } from '@electric-sql/pglite';
import { checkSchemaName, quoteIdentifier } from './pg-client.js';
import type { SqlClient, SqlQueryable } from './sql-client.js';

/** A script's rows are its last statement's (exec gives one result per statement). */
const lastRows = <Row>(results: ReadonlyArray<{ rows: unknown[] }>): Row[] => (results[results.length - 1]?.rows ?? []) as Row[];

/**
 * What PgliteClient uses of a PGlite database; a `PGlite` from
 * `@electric-sql/pglite` is one. Our own shape rather than PGlite's type, so
 * these declarations do not pull PGlite's typings (which need the DOM and
 * Emscripten types) into a user's program.
 */
export interface PgliteDatabase {
  readonly closed: boolean;
  exec(query: string): Promise<ReadonlyArray<{ rows: unknown[] }>>;
  query<Row>(query: string, params?: unknown[]): Promise<{ rows: Row[] }>;
  transaction<T>(callback: (tx: PgliteTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** What PgliteClient uses of a PGlite transaction. */
export interface PgliteTransaction {
  exec(query: string): Promise<ReadonlyArray<{ rows: unknown[] }>>;
  query<Row>(query: string, params?: unknown[]): Promise<{ rows: Row[] }>;
}

export interface PgliteClientOptions {
  /** A folder for the database files; absent: in memory. */
  dataDir?: string;
  /** Schema the stores use (set as search_path). */
  schema?: string;
}

/**
 * Embedded PostgreSQL (PGlite) behind SqlClient. PGlite has one session, so
 * transactions run one at a time; statements outside a transaction wait
 * for the open one to finish, which is what a pool would give too.
 */
export class PgliteClient implements SqlClient {
  readonly kind = 'pglite';
  private currentSchema: string | null = null;

  private constructor(private readonly db: PgliteDatabase, private readonly owned: boolean) {}

  /** Open (or create) a database. */
  static async open(options: PgliteClientOptions = {}): Promise<PgliteClient> {
    const db = options.dataDir === undefined ? await PGlite.create() : await PGlite.create(options.dataDir);
    const client = new PgliteClient(db, true);
    if (options.schema !== undefined) await client.useSchema(options.schema);
    return client;
  }

  /** Wrap a PGlite the host already has; close() leaves it open. */
  static wrap(db: PgliteDatabase): PgliteClient {
    return new PgliteClient(db, false);
  }

  /** Point the session at a schema, creating it when missing (PGlite has one session, so this is the whole client). */
  async useSchema(schema: string): Promise<void> {
    checkSchemaName(schema);
    this.currentSchema = schema;
    await this.db.exec(`CREATE SCHEMA IF NOT EXISTS ${quoteIdentifier(schema)}; SET search_path TO ${quoteIdentifier(schema)}`);
  }

  get schema(): string | null {
    return this.currentSchema;
  }

  async query<Row>(text: string, params: readonly unknown[] = []): Promise<Row[]> {
    // Without parameters, the simple protocol (exec), as node-postgres does: the text may be a script (see SqlQueryable).
    return params.length === 0 ? lastRows<Row>(await this.db.exec(text)) : (await this.db.query<Row>(text, params as unknown[])).rows;
  }

  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T> {
    return this.db.transaction(async (tx) => fn({
      query: async <Row>(text: string, params: readonly unknown[] = []) =>
        params.length === 0 ? lastRows<Row>(await tx.exec(text)) : (await tx.query<Row>(text, params as unknown[])).rows,
    }));
  }

  async close(): Promise<void> {
    if (this.owned && !this.db.closed) await this.db.close();
  }
}
