import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { PgliteTemplate } from './pglite-template.js';

function pgliteVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@electric-sql/pglite');
  // The entry is <package>/dist/index.cjs; the package's exports do not include package.json.
  const manifest = JSON.parse(readFileSync(join(dirname(dirname(entry)), 'package.json'), 'utf8')) as { version: string };
  return manifest.version;
}

/** The template under `cacheRoot`, made when missing; keyed by the PGlite version, since the data format follows it. */
export async function ensurePgliteTemplate(cacheRoot: string): Promise<PgliteTemplate> {
  const home = join(cacheRoot, `pglite-${pgliteVersion()}`);
  const template = { dataDir: join(home, 'datadir'), dump: join(home, 'datadir.tar') };
  if (existsSync(template.dataDir) && existsSync(template.dump)) return template;
  mkdirSync(cacheRoot, { recursive: true });
  // Made beside the cache and renamed into place, so a run that stops half way leaves no broken template.
  const staging = mkdtempSync(join(cacheRoot, '.staging-'));
  try {
    const db = await PGlite.create(join(staging, 'datadir'));
    const dump = await db.dumpDataDir('none');
    await db.close();
    writeFileSync(join(staging, 'datadir.tar'), Buffer.from(await dump.arrayBuffer()));
    try {
      renameSync(staging, home);
    } catch (error) {
      // Another run made it first; whole folders are renamed into place, so theirs is complete.
      if (!existsSync(template.dump)) throw error;
    }
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
  return template;
}

