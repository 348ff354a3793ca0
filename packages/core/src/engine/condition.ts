import { pyRepr } from '../expressions/python/repr.js';
import { truthy } from '../expressions/python/truth.js';
import { FAILED, KEY_MISSING, type RuleContext } from './message-run.js';

/** Does the condition hold for this value? FAILED when it cannot be decided. */
export function conditionHolds(ctx: RuleContext, value: unknown, recipient: string): boolean | typeof FAILED {
  const condition = ctx.rule.condition;
  if (condition.kind === 'lambda') {
    const result = ctx.evaluate(condition.site, [value], recipient);
    return result === FAILED || result === KEY_MISSING ? FAILED : truthy(result);
  }
  if (typeof value !== 'number' && typeof value !== 'boolean') {
    ctx.reportValue(`condition '${condition.phrase}' needs a number, got ${pyRepr(value)}`, ctx.rule.recipient, recipient);
    return FAILED;
  }
  return condition.test(Number(value));
}
