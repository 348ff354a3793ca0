import { describeAwardConformance } from './testing/award-conformance.js';
import { describeEngineDifferential } from './testing/engine-differential.js';
import { memoryAwards, memoryHistory, postgresAwards, postgresHistory, postgresStores } from './testing/harnesses.js';
import { describeHistoryConformance } from './testing/history-conformance.js';
import { describeHistoryDifferential } from './testing/history-differential.js';
import { pgliteClient } from './testing/pglite-harness.js';

// The same contract on the in-memory stores and on PGlite (the services suite adds the server).
const pglite = async () => ({ client: await pgliteClient(), release: async () => {} });

describeHistoryConformance('in-memory history', memoryHistory);
describeHistoryConformance('PGlite history', postgresHistory(pglite));
describeHistoryDifferential('PGlite history', postgresHistory(pglite));

describeAwardConformance('in-memory awards', memoryAwards);
describeAwardConformance('PGlite awards', postgresAwards(pglite));

describeEngineDifferential('PGlite stores', postgresStores(pglite));
// The count cache must never change a result: cached engine = uncached engine = in-memory engine.
describeEngineDifferential('PGlite stores, uncached', postgresStores(pglite), 1500, 60);
describeEngineDifferential('PGlite stores with the count cache', postgresStores(pglite, { countCache: true }), 1500, 60);
describeEngineDifferential('PGlite stores with a tiny count cache', postgresStores(pglite, { countCache: 7 }), 1500, 60);
