import { fileURLToPath } from 'node:url';
import { ensurePgliteTemplate } from '../../packages/postgres/src/testing/make-pglite-template.js';
import { PGLITE_TEMPLATE_ENV } from '../../packages/postgres/src/testing/pglite-template.js';

/**
 * Vitest globalSetup: one initialised PGlite database for the whole run (made
 * once per PGlite version, kept in node_modules/.cache), named in the
 * environment so that the in-process harness and the CLI processes the
 * acceptance tests start copy it instead of each running initdb.
 */
export default async function setup(): Promise<void> {
  const template = await ensurePgliteTemplate(fileURLToPath(new URL('../../node_modules/.cache/accolade-tests/', import.meta.url)));
  process.env[PGLITE_TEMPLATE_ENV.dataDir] = template.dataDir;
  process.env[PGLITE_TEMPLATE_ENV.dump] = template.dump;
}
