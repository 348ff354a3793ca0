import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { RuleIssue } from '../rule-issue.js';

const RULE_FILE = /\.ya?ml$/i;
/** Rule tests (`accolade test`) sit beside the rules they test and are not rules. */
const RULE_TEST_FILE = /\.test\.ya?ml$/i;

/**
 * Whether a folder search passes over this entry: a rules repository also
 * holds `.github` workflows, editor and VCS folders, installed packages and
 * rule tests, none of which are rules.
 */
export function skippedInFolderSearch(name: string, isDirectory: boolean): boolean {
  if (name.startsWith('.') || name === 'node_modules') return true;
  return !isDirectory && RULE_TEST_FILE.test(name);
}

export interface FoundRuleFiles {
  /** Every rule file, sorted by path. */
  files: string[];
  /** Paths given that could not be searched or read (`unreadable`), and folders holding no rule file (`no-rules`). */
  issues: RuleIssue[];
}

const pathIssue = (code: 'unreadable' | 'no-rules', file: string, message: string): RuleIssue =>
  ({ code, severity: 'error', file, line: 1, column: 1, path: '', message });

const reason = (error: unknown): string => {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR') return 'no such file or folder';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return (error as Error).message;
};

/**
 * Rule files under the given paths. Folders are searched recursively for
 * `*.yml` and `*.yaml`, passing over what `skippedInFolderSearch` names; a
 * path given explicitly is always read, whatever its name.
 */
export async function findRuleFiles(paths: readonly string[]): Promise<FoundRuleFiles> {
  const files = new Set<string>();
  const issues: RuleIssue[] = [];
  const walk = async (dir: string, found: string[]): Promise<void> => {
    let entries;
    try {
      entries = await readdir(dir, { withFileTypes: true });
    } catch (error) {
      issues.push(pathIssue('unreadable', dir, `cannot read the folder: ${reason(error)}`));
      return;
    }
    for (const entry of entries) {
      if (skippedInFolderSearch(entry.name, entry.isDirectory())) continue;
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, found);
      else if (RULE_FILE.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) found.push(full);
    }
  };
  for (const path of paths) {
    let isDirectory: boolean;
    try {
      isDirectory = (await stat(path)).isDirectory();
    } catch (error) {
      issues.push(pathIssue('unreadable', path, reason(error)));
      continue;
    }
    if (!isDirectory) {
      files.add(path);
      continue;
    }
    const found: string[] = [];
    const before = issues.length;
    await walk(path, found);
    if (found.length === 0 && issues.length === before) {
      issues.push(pathIssue('no-rules', path, `the folder '${basename(path) || path}' holds no rule files (*.yml, *.yaml; rule tests, hidden folders and node_modules are passed over)`));
    }
    for (const file of found) files.add(file);
  }
  return { files: [...files].sort(), issues };
}
