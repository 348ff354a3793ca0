import type { SqlClient, SqlQueryable } from '@accolade/postgres';

/** The client, counting the statements sent through it (a script counts as one round trip; BEGIN and COMMIT of a transaction as two). */
export function countingClient(client: SqlClient): { client: SqlClient; statements: () => number } {
  let n = 0;
  const tx = (q: SqlQueryable): SqlQueryable => ({ query: (text, params) => { n++; return q.query(text, params); } });
  const wrapped: SqlClient = {
    kind: client.kind, schema: client.schema, close: () => client.close(),
    query: (text, params) => { n++; return client.query(text, params); },
    transaction: (fn) => { n += 2; return client.transaction((t) => fn(tx(t))); },
  };
  return { client: wrapped, statements: () => n };
}
