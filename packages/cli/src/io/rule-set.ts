import { type CompiledRule, type RuleIssue, loadRuleFiles } from '@accolade/core';
import type { CliIo } from './cli-io.js';
import { UsageError } from './cli-io.js';
import { hasErrors, printIssues } from './issues.js';

/** Thrown when rules are invalid: the issues are already printed; exit code 1. */
export class InvalidRules extends Error {}

/**
 * Problems with the paths rather than with a rule: a path that cannot be
 * read, a folder holding no rule file. The contract makes these exit 2,
 * like any unreadable input, where a broken rule exits 1.
 */
export const isPathProblem = (issue: RuleIssue): boolean => issue.code === 'unreadable' || issue.code === 'no-rules';

/** One line for a path problem, naming the path. */
export function describePathProblem(issue: RuleIssue): string {
  if (issue.code === 'no-rules') return issue.file === '' ? `no rules: ${issue.message}` : `no rules in '${issue.file}': ${issue.message}`;
  return `cannot read rules '${issue.file}': ${issue.message}`;
}

/** Throw a UsageError for the path problems among the issues, printing all but the last. */
export function throwPathProblems(issues: readonly RuleIssue[], io: CliIo): void {
  const problems = issues.filter(isPathProblem);
  if (problems.length === 0) return;
  for (const problem of problems.slice(0, -1)) io.stderr(`accolade: ${describePathProblem(problem)}\n`);
  throw new UsageError(describePathProblem(problems.at(-1)!));
}

/** Load rules for a command that runs them: a missing path is a usage error, an invalid rule stops everything. */
export async function loadRulesForRun(paths: readonly string[], io: CliIo): Promise<CompiledRule[]> {
  if (paths.length === 0) throw new UsageError('--rules <path> is required');
  const { rules, issues } = await loadRuleFiles(paths);
  throwPathProblems(issues, io);
  printIssues(io, issues);
  if (hasErrors(issues)) throw new InvalidRules();
  return rules;
}
