import { describeAwardStoreConformance, describeHistoryStoreConformance } from '@accolade/core/testing';
import { describe, it } from 'vitest';
import { describeEngineDifferential } from '../../packages/postgres/src/testing/engine-differential.js';
import { postgresAwards, postgresHistory, postgresStores } from '../../packages/postgres/src/testing/harnesses.js';
import { describeHistoryDifferential } from '../../packages/postgres/src/testing/history-differential.js';
import { server } from './server.js';

// The same contract the default suite checks on the in-memory stores and PGlite, on the real server.
describeHistoryStoreConformance('PostgreSQL server history', postgresHistory(server), { describe, it });
describeHistoryDifferential('PostgreSQL server history', postgresHistory(server));
describeAwardStoreConformance('PostgreSQL server awards', postgresAwards(server), { describe, it });
describeEngineDifferential('PostgreSQL server stores', postgresStores(server), 600);
describeEngineDifferential('PostgreSQL server stores, uncached', postgresStores(server), 2000, 80);
describeEngineDifferential('PostgreSQL server stores with the count cache', postgresStores(server, { countCache: true }), 2000, 80);
