import type { SqlClient } from '../client/sql-client.js';

/** A client that keeps the text of every query sent through it outside a transaction, to count round trips. */
export function countingClient(client: SqlClient): { client: SqlClient; statements: string[] } {
  const statements: string[] = [];
  return {
    statements,
    client: {
      kind: client.kind, schema: client.schema, transaction: (fn) => client.transaction(fn), close: () => client.close(),
      query: (text, params) => { statements.push(text); return client.query(text, params); },
    },
  };
}
