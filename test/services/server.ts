import type { OpenDatabase } from '../../packages/postgres/src/testing/harnesses.js';
import { serverSchema } from '../../packages/postgres/src/testing/server-harness.js';

export { PG_URL, serverSchema } from '../../packages/postgres/src/testing/server-harness.js';

/** A fresh schema on the real server for each store under test, dropped afterwards. */
export const server: OpenDatabase = async () => {
  const s = await serverSchema();
  return { client: s.client, release: s.drop };
};
