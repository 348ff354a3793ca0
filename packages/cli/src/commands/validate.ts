import { formatIssue, loadRuleFiles } from '@accolade/core';
import type { CliIo } from '../io/cli-io.js';
import { hasErrors, printIssues } from '../io/issues.js';
import { describePathProblem, isPathProblem } from '../io/rule-set.js';

/** Exit 0 when every rule is valid, 1 for a broken rule, 2 when a path cannot be read or holds no rules; every problem is reported either way. */
export async function validate(paths: string[], options: { format: 'text' | 'json' }, io: CliIo): Promise<number> {
  const { rules, issues } = await loadRuleFiles(paths);
  const pathProblems = issues.filter(isPathProblem);
  const ruleIssues = issues.filter((i) => !isPathProblem(i));
  if (options.format === 'json') {
    for (const issue of issues) io.stdout(`${JSON.stringify({ ...issue, text: formatIssue(issue) })}\n`);
  } else {
    for (const problem of pathProblems) io.stderr(`accolade: ${describePathProblem(problem)}\n`);
    printIssues(io, ruleIssues);
  }
  const errors = ruleIssues.filter((i) => i.severity === 'error');
  if (options.format === 'text') {
    const files = new Set(errors.map((i) => i.file)).size;
    io.stdout(errors.length === 0
      ? `${rules.length} rule${rules.length === 1 ? '' : 's'} valid\n`
      : `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; ${rules.length} rule${rules.length === 1 ? '' : 's'} valid\n`);
  }
  if (pathProblems.length > 0) return 2;
  return hasErrors(ruleIssues) ? 1 : 0;
}
