import { describeAwardConformance } from '../../packages/postgres/src/testing/award-conformance.js';
import { describeEngineDifferential } from '../../packages/postgres/src/testing/engine-differential.js';
import { postgresAwards, postgresHistory, postgresStores } from '../../packages/postgres/src/testing/harnesses.js';
import { describeHistoryConformance } from '../../packages/postgres/src/testing/history-conformance.js';
import { describeHistoryDifferential } from '../../packages/postgres/src/testing/history-differential.js';
import { server } from './server.js';

// The same contract the default suite checks on the in-memory stores and PGlite, on the real server.
describeHistoryConformance('PostgreSQL server history', postgresHistory(server));
describeHistoryDifferential('PostgreSQL server history', postgresHistory(server));
describeAwardConformance('PostgreSQL server awards', postgresAwards(server));
describeEngineDifferential('PostgreSQL server stores', postgresStores(server), 600);
describeEngineDifferential('PostgreSQL server stores, uncached', postgresStores(server), 2000, 80);
describeEngineDifferential('PostgreSQL server stores with the count cache', postgresStores(server, { countCache: true }), 2000, 80);
