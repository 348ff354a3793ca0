/** One table a store needs: how to create it with its indexes, and the columns the store reads and writes. */
export interface TableSpec {
  readonly name: string;
  /** CREATE TABLE and its CREATE INDEX statements, run only when the table is missing. */
  readonly create: readonly string[];
  /** Columns the store relies on; an existing table without one of them is reported, never altered. */
  readonly columns: readonly string[];
}
