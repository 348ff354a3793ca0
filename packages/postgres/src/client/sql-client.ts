/** Something that runs SQL: a whole client, or one transaction of it. */
export interface SqlQueryable {
  /**
   * Run one statement with `$1`-style parameters; resolves to its rows.
   * Without parameters the text may also be a script: several statements
   * separated by semicolons, sent in one round trip (the simple query
   * protocol) and run as one implicit transaction — all committed or none,
   * locks held to the end, each statement with a snapshot of its own
   * (READ COMMITTED) — resolving to the last statement's rows. Both
   * drivers run parameter-less text that way (node-postgres always has).
   */
  query<Row = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<Row[]>;
}

/**
 * The one small interface both stores talk to, so the same SQL runs on a
 * PostgreSQL server (node-postgres) and embedded (PGlite). Values cross it
 * in plain forms both drivers agree on: text, numbers, booleans, text
 * arrays; JSON goes in as text and timestamps as ISO strings (see
 * sql/values.ts), never as driver-specific objects.
 */
export interface SqlClient extends SqlQueryable {
  readonly kind: 'pg' | 'pglite';
  /** The schema the stores' tables live in, when one was chosen (else the search_path's first). */
  readonly schema: string | null;
  /** Run `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: SqlQueryable) => Promise<T>): Promise<T>;
  /** Release connections (or the embedded database). */
  close(): Promise<void>;
}
