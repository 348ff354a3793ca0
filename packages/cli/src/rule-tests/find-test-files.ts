import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { skippedInFolderSearch } from '@accolade/core';

/** Rule tests, named as rule discovery passes them over: `*.test.yml`, `*.test.yaml`. */
export const TEST_FILE = /\.test\.ya?ml$/i;

export interface FoundTestFiles {
  files: string[];
  /** Paths given, or folders under them, that do not exist or cannot be read. */
  unreadable: string[];
}

/**
 * Test files under the given paths, sorted. Folders are searched as rule
 * folders are (hidden folders and node_modules passed over, so a checkout's
 * `.git` or installed packages are not searched); a file named is always read.
 */
export async function findTestFiles(paths: readonly string[]): Promise<FoundTestFiles> {
  const found = new Set<string>();
  const unreadable: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch {
      unreadable.push(dir);
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() ? skippedInFolderSearch(entry.name, true) : entry.name.startsWith('.')) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (TEST_FILE.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) found.add(full);
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch {
      unreadable.push(path);
      continue;
    }
    if (isDirectory) await walk(path);
    else found.add(path);
  }
  return { files: [...found].sort(), unreadable };
}
