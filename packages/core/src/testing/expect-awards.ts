import { AssertionError } from 'node:assert';
import type { EngineEvent } from '../engine/engine-events.js';
import { type RuleAward, type RuleRunOptions, type RuleRunResult, runRules } from './run-rules.js';

/** An award a test expects; without `message_id` any message may have earned it. */
export interface ExpectedAward {
  readonly badge_id: string;
  readonly user: string;
  readonly message_id?: string;
}

export interface ExpectAwardsOptions extends RuleRunOptions {
  /** Exactly the awards the messages must make, in any order. */
  readonly awards: readonly ExpectedAward[];
}

const describeAward = (a: ExpectedAward): string => `${a.badge_id} -> ${a.user}${a.message_id === undefined ? '' : ` (message ${a.message_id})`}`;
const describeFailure = (e: EngineEvent): string => `${e.file}:${e.line}:${e.column}: ${e.path}: ${e.text} (message ${e.messageId})`;
const byKey = (a: ExpectedAward, b: ExpectedAward): number => describeAward(a).localeCompare(describeAward(b));

/**
 * Run the rules as runRules does and assert that they make exactly the
 * awards expected, as a case of an `accolade test` file: any order, each
 * `message_id` checked where given, and no expression failure along the
 * way. Otherwise throws node's AssertionError, its message listing what is
 * missing, what is unexpected and the expression failures, then a diff of
 * the awards made and expected, which are also its `actual` and `expected`
 * (sorted, so a test runner's own diff lines them up). Resolves to the run.
 */
export async function expectAwards(options: ExpectAwardsOptions): Promise<RuleRunResult> {
  const run = await runRules(options);
  const remaining: RuleAward[] = [...run.awards];
  const matched: ExpectedAward[] = [];
  const missing: ExpectedAward[] = [];
  for (const want of options.awards) {
    const i = remaining.findIndex((got) => got.badge_id === want.badge_id && got.user === want.user && (want.message_id === undefined || got.message_id === want.message_id));
    if (i < 0) missing.push(want);
    else {
      remaining.splice(i, 1);
      matched.push(want);
    }
  }
  if (missing.length === 0 && remaining.length === 0 && run.failures.length === 0) return run;

  const lines: string[] = [];
  if (missing.length > 0 || remaining.length > 0) {
    lines.push(`the rules made ${run.awards.length} award${run.awards.length === 1 ? '' : 's'}, not the ${options.awards.length} expected:`);
    for (const a of missing) lines.push(`  missing     ${describeAward(a)}`);
    for (const a of remaining) lines.push(`  unexpected  ${describeAward(a)}`);
  }
  if (run.failures.length > 0) {
    lines.push(`${run.failures.length} expression failure${run.failures.length === 1 ? '' : 's'}:`);
    for (const e of run.failures) lines.push(`  ${describeFailure(e)}`);
  }
  if (missing.length === 0 && remaining.length === 0) throw new AssertionError({ message: lines.join('\n'), operator: 'fail' });
  // An award that matched is shown as it was expected (message_id only where the test gave one), so the diff shows only what differs.
  const actual = [...matched.map(copy), ...remaining.map(copy)].sort(byKey);
  const expected = options.awards.map(copy).sort(byKey);
  // As deepStrictEqual's, the message ends with node's diff of the two lists.
  throw new AssertionError({ message: lines.join('\n'), actual, expected, operator: 'deepStrictEqual' });
}

const copy = (a: ExpectedAward): ExpectedAward => (a.message_id === undefined ? { badge_id: a.badge_id, user: a.user } : { badge_id: a.badge_id, user: a.user, message_id: a.message_id });
