import { describeEngineDifferential } from '../testing/engine-differential.js';
import { postgresStores } from '../testing/harnesses.js';
import { pgliteClient } from '../testing/pglite-harness.js';

// Running counts must never change a result: the engine on them gives the in-memory engine's awards, in order.
const pglite = async () => ({ client: await pgliteClient(), release: async () => {} });

describeEngineDifferential('PGlite stores with running counts', postgresStores(pglite, { runningCounts: true }), 1500, 60);
// Folded every few rows, so counts come from counters and short deltas alike, and from views several folds old.
describeEngineDifferential('PGlite stores with running counts folded every 7 rows', postgresStores(pglite, { runningCounts: { foldEvery: 7 } }), 1500, 60);
