import { type RuleIssue, formatIssue } from '@accolade/core';
import type { CliIo } from './cli-io.js';

/** Print rule issues as `file:line:column: message`, one per line, on stderr. */
export function printIssues(io: CliIo, issues: readonly RuleIssue[]): void {
  for (const issue of issues) io.stderr(`${formatIssue(issue)}\n`);
}

export const hasErrors = (issues: readonly RuleIssue[]): boolean => issues.some((i) => i.severity === 'error');
