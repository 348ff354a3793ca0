import { randomBytes } from 'node:crypto';
import { type AwardStore, type BadgeDefinition, type HistoryStore, type Message, MemoryAwardStore, MemoryHistoryStore } from '@accolade/core';
// Types only: erased at run time, so the default commands never load the PostgreSQL package.
import type { PgliteClient, SqlClient } from '@accolade/postgres';
import { UsageError } from './cli-io.js';
import { loadOptional } from './optional-packages.js';

/** The stores one run (a replay, an explain, one test case) works on. */
export interface RunStores {
  history: HistoryStore & { add(message: Message): unknown };
  awards: AwardStore;
  /** Record awards that already exist and who opted out, before the run. */
  seed(setup: Seed): Promise<void>;
  /** Let the stores go (a throw-away schema is dropped). */
  close(): Promise<void>;
}

export interface Seed {
  awards?: ReadonlyArray<{ badgeId: string; user: string }>;
  optedOut?: readonly string[];
}

/** What a run starts from: the rules' badges. */
export interface StoreSetup {
  badges: readonly BadgeDefinition[];
}

/** Opens the stores for each run of a command. */
export interface StoreProvider {
  open(setup: StoreSetup): Promise<RunStores>;
  close(): Promise<void>;
}

/** The default: fresh in-memory stores for every run. */
export const memoryStores: StoreProvider = {
  open: async () => {
    const stores = {
      history: new MemoryHistoryStore(),
      awards: new MemoryAwardStore(),
      seed: async ({ awards, optedOut }: Seed) => {
        stores.awards = new MemoryAwardStore({ awards: awards ?? [], optedOut: optedOut ?? [] });
      },
      close: async () => {},
    };
    return stores;
  },
  close: async () => {},
};

/**
 * `--store <url>`: history and awards in PostgreSQL (`postgres://...`) or
 * embedded PGlite (`pglite:<dir>`). With `freshSchemaPerRun` every run gets
 * a schema of its own, dropped afterwards (test cases must not see each
 * other); otherwise the address's schema is used and kept. The PostgreSQL
 * package is loaded only here, so the default commands never pay for it
 * (and it is an optional peer dependency of the CLI: without it, exit 2).
 */
export async function databaseStores(url: string, options: { freshSchemaPerRun: boolean }): Promise<StoreProvider> {
  const pg = await loadOptional('postgres', '--store');
  let location: ReturnType<typeof pg.parseStoreUrl>;
  try {
    location = pg.parseStoreUrl(url);
  } catch (error) {
    if (error instanceof pg.StoreUrlError) throw new UsageError(error.message);
    throw error;
  }
  const failed = (error: unknown): never => {
    throw new UsageError(`cannot open store '${url}': ${error instanceof Error ? error.message : String(error)}`);
  };
  // PGlite takes seconds to start and allows one user of a folder: every run shares one instance.
  let lite: PgliteClient | null = null;
  const liteClient = async (): Promise<PgliteClient> => {
    if (lite === null) {
      lite = await pg.PgliteClient.open(location.kind === 'pglite' && location.dataDir !== undefined ? { dataDir: location.dataDir } : {}).catch(failed);
      if (location.schema !== undefined) await lite.useSchema(location.schema);
    }
    return lite;
  };

  const openRun = async (setup: StoreSetup): Promise<RunStores> => {
    const schema = options.freshSchemaPerRun ? `accolade_run_${randomBytes(6).toString('hex')}` : undefined;
    let client: SqlClient;
    let release: () => Promise<void>;
    if (location.kind === 'pglite') {
      const shared = await liteClient();
      if (schema !== undefined) await shared.useSchema(schema);
      client = shared;
      release = async () => { if (schema !== undefined) await shared.query(`DROP SCHEMA ${pg.quoteIdentifier(schema)} CASCADE`); };
    } else {
      const own = await pg.connect(location, schema === undefined ? {} : { schema });
      client = own;
      release = async () => {
        if (schema !== undefined) await own.query(`DROP SCHEMA ${pg.quoteIdentifier(schema)} CASCADE`);
        await own.close();
      };
    }
    const stores = await pg.openStoresOn(client).catch(async (error: unknown) => { await release(); return failed(error); });
    // Existing awards need their badge rows first.
    await stores.awards.ensureBadges(setup.badges);
    const known = new Set(setup.badges.map((b) => b.id));
    const seed = async ({ awards, optedOut }: Seed): Promise<void> => {
      // An award of a badge no rule gives cannot matter to the run (and has no badge row to point at).
      for (const a of awards ?? []) {
        if (known.has(a.badgeId)) await stores.awards.award({ badgeId: a.badgeId, user: a.user, messageId: null, issuedAt: new Date(0) });
      }
      for (const user of optedOut ?? []) await stores.awards.setOptedOut(user);
    };
    return { history: stores.history, awards: stores.awards, seed, close: release };
  };

  return {
    open: openRun,
    close: async () => { await (lite as PgliteClient | null)?.close(); },
  };
}

/** The provider a command's `--store` option asks for. */
export function storesFor(url: string | undefined, options: { freshSchemaPerRun: boolean }): Promise<StoreProvider> {
  return url === undefined ? Promise.resolve(memoryStores) : databaseStores(url, options);
}
