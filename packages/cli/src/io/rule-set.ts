import { type CompiledRule, loadRuleFiles } from '@accolade/core';
import type { CliIo } from './cli-io.js';
import { UsageError } from './cli-io.js';
import { hasErrors, printIssues } from './issues.js';

/** Thrown when rules are invalid: the issues are already printed; exit code 1. */
export class InvalidRules extends Error {}

/** Load rules for a command that runs them: a missing path is a usage error, an invalid rule stops everything. */
export async function loadRulesForRun(paths: readonly string[], io: CliIo): Promise<CompiledRule[]> {
  if (paths.length === 0) throw new UsageError('--rules <path> is required');
  const { rules, issues } = await loadRuleFiles(paths);
  const missing = issues.filter((i) => i.code === 'unreadable' && i.message === 'no such file or folder');
  if (missing.length > 0) throw new UsageError(`cannot read rules '${missing[0]!.file}'`);
  printIssues(io, issues);
  if (hasErrors(issues)) throw new InvalidRules();
  return rules;
}
