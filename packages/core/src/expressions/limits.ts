import { limitError } from './errors.js';
import type { CallContext, Limits } from './python/values.js';

/** Spend `steps` of the evaluation's budget; running out stops the evaluation with a limit error. */
export function charge(ctx: CallContext, steps = 1): void {
  if ((ctx.budget.remaining -= steps) < 0) {
    throw limitError(`evaluation took more than ${ctx.limits.maxSteps} steps`);
  }
}

export function checkCollectionSize(size: number, limits: Limits): void {
  if (size > limits.maxCollectionSize) {
    throw limitError(`a collection of more than ${limits.maxCollectionSize} items`);
  }
}

export function checkStringLength(length: number, limits: Limits): void {
  if (length > limits.maxStringLength) {
    throw limitError(`a string of more than ${limits.maxStringLength} characters`);
  }
}
