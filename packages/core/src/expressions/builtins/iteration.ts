import { charge, checkCollectionSize } from '../limits.js';
import { iterate } from '../python/sequences.js';
import type { CallContext } from '../python/values.js';

/** Every item of a Python iterable, paid for step by step and bounded in size. */
export function collect(value: unknown, ctx: CallContext): unknown[] {
  if (Array.isArray(value)) {
    charge(ctx, value.length);
    return value;
  }
  const out: unknown[] = [];
  for (const item of iterate(value)) {
    charge(ctx);
    out.push(item);
    if (out.length > ctx.limits.maxCollectionSize) checkCollectionSize(out.length, ctx.limits);
  }
  return out;
}

/** Lazily walk an iterable, paying one step per item (for any/all/sum that may stop early). */
export function* walk(value: unknown, ctx: CallContext): Generator<unknown> {
  for (const item of iterate(value)) {
    charge(ctx);
    yield item;
  }
}
