import { limitError } from './errors.js';
import { PyDict, PyRange, PySet, PyTuple, isPlainDict, type CallContext, type Limits } from './python/values.js';

/** Work proportional to a value's size, in steps (a step is a few dozen machine operations). */
export function sizeOf(value: unknown): number {
  if (typeof value === 'string') return value.length >> 6;
  if (Array.isArray(value)) return value.length;
  if (value instanceof PyTuple) return value.items.length;
  if (value instanceof PyDict) return value.entries.size;
  if (value instanceof PySet) return value.members.size;
  if (value instanceof PyRange) return value.length;
  if (isPlainDict(value)) {
    let n = 0;
    for (const _ in value) n++;
    return n;
  }
  return 0;
}

/** Pay for building something of `size` characters or items (small things are free). */
export function chargeSize(ctx: CallContext, size: number): void {
  if (size > 256) charge(ctx, size >> 8);
}

/** Spend `steps` of the evaluation's budget; running out stops the evaluation with a limit error. */
export function charge(ctx: CallContext, steps = 1): void {
  if ((ctx.budget.remaining -= steps) < 0) {
    throw limitError(`evaluation took more than ${ctx.limits.maxSteps} steps`);
  }
}

/** Refuse work that could cost more than the budget has left, before doing it; pay for it afterwards, when its real size is known. */
export function afford(ctx: CallContext, steps: number): void {
  if (steps > ctx.budget.remaining) {
    throw limitError(`evaluation took more than ${ctx.limits.maxSteps} steps`);
  }
}

/**
 * The evaluation running now. Comparing, hashing and printing nested values
 * happen deep inside helpers that take no context (and that code outside
 * expressions calls too); they pay through `tick`, which charges whatever
 * evaluation is running. Evaluation is synchronous, so there is exactly one.
 */
let running: CallContext | null = null;

/** Run `fn` with `ctx` as the evaluation that `tick` charges. */
export function metered<T>(ctx: CallContext, fn: () => T): T {
  const previous = running;
  running = ctx;
  try {
    return fn();
  } finally {
    running = previous;
  }
}

/** Charge the running evaluation, if any, for work done where no context is at hand. */
export function tick(steps: number): void {
  if (running !== null && steps > 0) charge(running, steps);
}

/** The limits of the running evaluation, or null outside one. */
export function runningLimits(): Limits | null {
  return running?.limits ?? null;
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
