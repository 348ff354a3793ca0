import { formatIssue, loadRuleFiles } from '@accolade/core';
import type { CliIo } from '../io/cli-io.js';
import { hasErrors, printIssues } from '../io/issues.js';

export async function validate(paths: string[], options: { format: 'text' | 'json' }, io: CliIo): Promise<number> {
  const { rules, issues } = await loadRuleFiles(paths);
  if (options.format === 'json') {
    for (const issue of issues) io.stdout(`${JSON.stringify({ ...issue, text: formatIssue(issue) })}\n`);
  } else {
    printIssues(io, issues);
  }
  const errors = issues.filter((i) => i.severity === 'error');
  if (options.format === 'text') {
    const files = new Set(errors.map((i) => i.file)).size;
    io.stdout(errors.length === 0
      ? `${rules.length} rule${rules.length === 1 ? '' : 's'} valid\n`
      : `${errors.length} problem${errors.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}; ${rules.length} rule${rules.length === 1 ? '' : 's'} valid\n`);
  }
  return hasErrors(issues) ? 1 : 0;
}
