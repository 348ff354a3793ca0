import { describeAwardStoreConformance, describeHistoryStoreConformance } from '@accolade/core/testing';
import { describe, it } from 'vitest';
import { describeEngineDifferential } from './testing/engine-differential.js';
import { memoryAwards, memoryHistory, postgresAwards, postgresHistory, postgresStores } from './testing/harnesses.js';
import { describeHistoryDifferential } from './testing/history-differential.js';
import { pgliteClient } from './testing/pglite-harness.js';

// The same contract on the in-memory stores and on PGlite (the services suite adds the server).
const pglite = async () => ({ client: await pgliteClient(), release: async () => {} });

const vitest = { describe, it };
describeHistoryStoreConformance('in-memory history', memoryHistory, vitest);
describeHistoryStoreConformance('PGlite history', postgresHistory(pglite), vitest);
describeHistoryDifferential('PGlite history', postgresHistory(pglite));

describeAwardStoreConformance('in-memory awards', memoryAwards, vitest);
describeAwardStoreConformance('PGlite awards', postgresAwards(pglite), vitest);

describeEngineDifferential('PGlite stores', postgresStores(pglite));
// The count cache must never change a result: cached engine = uncached engine = in-memory engine.
describeEngineDifferential('PGlite stores, uncached', postgresStores(pglite), 1500, 60);
describeEngineDifferential('PGlite stores with the count cache', postgresStores(pglite, { countCache: true }), 1500, 60);
describeEngineDifferential('PGlite stores with a tiny count cache', postgresStores(pglite, { countCache: 7 }), 1500, 60);
