import type { CallContext } from '../python/values.js';

/** One evaluation's state: variable slots plus the budget and limits every step draws on. */
export interface Frame extends CallContext {
  v: unknown[];
}

/** A compiled node: reads the frame, returns the Python value. */
export type Code = (frame: Frame) => unknown;
