import { performance } from 'node:perf_hooks';
import { type CompiledRule, formatIssue, loadRuleSource } from '@accolade/core';
import type { GeneratedRule } from './rule-sets.js';

/** Parse, validate and compile generated rules as `accolade` loads files; a generator bug fails loudly. */
export function loadGenerated(rules: readonly GeneratedRule[]): { compiled: CompiledRule[]; ms: number } {
  const compiled: CompiledRule[] = [];
  const started = performance.now();
  for (const r of rules) {
    const { rule, issues } = loadRuleSource(r.yaml, r.file);
    const errors = issues.filter((i) => i.severity === 'error');
    if (rule === null || errors.length > 0) throw new Error(`the generated rule ${r.file} does not load:\n${errors.map(formatIssue).join('\n')}`);
    compiled.push(rule);
  }
  return { compiled, ms: performance.now() - started };
}
