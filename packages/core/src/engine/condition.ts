import { pyRepr } from '../expressions/python/repr.js';
import { truthy } from '../expressions/python/truth.js';
import type { CompiledRule } from '../rules/compiled-rule.js';
import { FAILED, KEY_MISSING, type RuleContext } from './message-run.js';

/** Does the rule's condition hold for this value? FAILED when it cannot be decided. */
export function conditionHolds(rule: CompiledRule, ctx: RuleContext, value: unknown, recipient: string): boolean | typeof FAILED {
  const condition = rule.condition;
  if (condition.kind === 'lambda') {
    const result = ctx.evaluate(condition.site, [value], recipient);
    return result === FAILED || result === KEY_MISSING ? FAILED : truthy(result);
  }
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    ctx.reportValue(`condition '${condition.phrase}' needs a number, got ${pyRepr(value)}`, rule.recipient, recipient, rule);
    return FAILED;
  }
  return condition.test(Number(value));
}
