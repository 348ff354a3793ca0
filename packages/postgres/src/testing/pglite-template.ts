/**
 * A freshly initialised PGlite database, made once and reused by every test
 * that needs an empty database. PGlite's initdb costs several CPU-seconds; a
 * test suite that ran it for every test file and every `--store pglite:<dir>`
 * spent most of its time there. What a test gets is exactly what initdb makes
 * (no accolade tables), so the code under test still creates its own schema.
 */
export interface PgliteTemplate {
  /** A data directory to copy for `pglite:<dir>` (the CLI opens it as an existing database). */
  dataDir: string;
  /** The same database as a dumpDataDir() tarball, for `PGlite.create({ loadDataDir })` in memory. */
  dump: string;
}

/** Set by the test run's global setup, read by the harnesses (also in the processes tests start). */
export const PGLITE_TEMPLATE_ENV = { dataDir: 'ACCOLADE_TEST_PGLITE_DATADIR', dump: 'ACCOLADE_TEST_PGLITE_DUMP' } as const;

/** The template the global setup made, if this process runs under it. */
export function pgliteTemplate(): PgliteTemplate | null {
  const dataDir = process.env[PGLITE_TEMPLATE_ENV.dataDir];
  const dump = process.env[PGLITE_TEMPLATE_ENV.dump];
  return dataDir && dump ? { dataDir, dump } : null;
}
