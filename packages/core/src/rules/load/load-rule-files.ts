import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { CompiledRule } from '../compiled-rule.js';
import { RuleError, type RuleIssue } from '../rule-issue.js';
import { type RuleLoadOptions, loadRuleSource } from './load-rule-source.js';

const RULE_FILE = /\.ya?ml$/i;

/** Rule files under the given paths (folders searched recursively), sorted by path. Missing paths are reported. */
export async function findRuleFiles(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files = new Set<string>();
  const missing: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (RULE_FILE.test(entry.name) && (entry.isFile() || entry.isSymbolicLink())) files.add(full);
    }
  };
  for (const path of paths) {
    try {
      if ((await stat(path)).isDirectory()) await walk(path);
      else files.add(path);
    } catch {
      missing.push(path);
    }
  }
  return { files: [...files].sort(), missing };
}

export interface RuleSetResult {
  /** Valid rules, sorted by file path. */
  rules: CompiledRule[];
  /** Every problem in every file, errors and warnings. */
  issues: RuleIssue[];
}

/**
 * Load every rule under the paths. A broken file never stops the others;
 * two rules deriving the same badge id are both kept out of doubt: the later
 * one is reported and dropped.
 */
export async function loadRuleFiles(paths: readonly string[], options: RuleLoadOptions = {}): Promise<RuleSetResult> {
  const { files, missing } = await findRuleFiles(paths);
  const issues: RuleIssue[] = missing.map((file) => ({ code: 'unreadable', severity: 'error', file, line: 1, column: 1, path: '', message: 'no such file or folder' }));
  const rules: CompiledRule[] = [];
  const byBadge = new Map<string, CompiledRule>();
  for (const file of files) {
    let source: string;
    try {
      source = await readFile(file, 'utf8');
    } catch (error) {
      issues.push({ code: 'unreadable', severity: 'error', file, line: 1, column: 1, path: '', message: `cannot read the file: ${(error as Error).message}` });
      continue;
    }
    const result = loadRuleSource(source, file, options);
    issues.push(...result.issues);
    const rule = result.rule;
    if (rule === null) continue;
    const clash = byBadge.get(rule.badgeId);
    if (clash !== undefined) {
      issues.push({ code: 'duplicate-badge', severity: 'error', file, path: 'name', ...(result.nameAt ?? { line: 1, column: 1 }), message: `badge id '${rule.badgeId}' is already used by ${clash.file}` });
      continue;
    }
    byBadge.set(rule.badgeId, rule);
    rules.push(rule);
  }
  return { rules, issues };
}

/** Load rules, throwing a RuleError that lists every error if any rule is invalid. */
export async function loadRules(paths: readonly string[], options: RuleLoadOptions = {}): Promise<CompiledRule[]> {
  const { rules, issues } = await loadRuleFiles(paths, options);
  if (issues.some((i) => i.severity === 'error')) throw new RuleError(issues);
  return rules;
}
