/** Where the stores live, as `--store` and connectStore() spell it. */
export type StoreLocation =
  | { kind: 'pg'; connectionString: string; schema?: string }
  | { kind: 'pglite'; dataDir?: string; schema?: string };

export class StoreUrlError extends Error {}

/**
 * Read a store address:
 * - `postgres://user@host:port/db` (or `postgresql://`), with an optional
 *   `?schema=name` for the tables' schema;
 * - `pglite:<dir>` for an embedded database kept in a folder;
 * - `pglite:memory` for one that lives only as long as the process.
 */
export function parseStoreUrl(url: string): StoreLocation {
  if (url.startsWith('pglite:')) {
    const rest = url.slice('pglite:'.length);
    const [path, query] = splitQuery(rest);
    const schema = new URLSearchParams(query).get('schema') ?? undefined;
    if (path === '') throw new StoreUrlError("'pglite:' needs a folder, or 'memory'");
    return { kind: 'pglite', ...(path === 'memory' ? {} : { dataDir: path }), ...(schema === undefined ? {} : { schema }) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new StoreUrlError(`not a valid PostgreSQL address: '${url}'`);
    }
    const schema = parsed.searchParams.get('schema') ?? undefined;
    // `schema` is ours, not libpq's: take it out before node-postgres reads the address.
    parsed.searchParams.delete('schema');
    return { kind: 'pg', connectionString: parsed.toString(), ...(schema === undefined ? {} : { schema }) };
  }
  throw new StoreUrlError(`unknown store '${url}': use postgres://..., pglite:<folder> or pglite:memory`);
}

function splitQuery(text: string): [string, string] {
  const at = text.indexOf('?');
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + 1)];
}
