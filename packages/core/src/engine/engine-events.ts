import type { ExpressionError } from '../expressions/errors.js';

/**
 * Something worth knowing that happened while evaluating: an expression
 * failed (a missing key is routine and logged at debug level; anything else
 * is a warning), with the rule and the place in its file.
 */
export interface EngineEvent {
  level: 'debug' | 'warn';
  kind: 'key-error' | 'expression-error' | 'invalid-value';
  badgeId: string;
  file: string;
  line: number;
  column: number;
  path: string;
  messageId: string;
  /** The candidate being evaluated, if any. */
  recipient?: string;
  text: string;
  error?: ExpressionError;
}

export type EngineLogger = (event: EngineEvent) => void;

export interface EngineStats {
  messages: number;
  /** Rule evaluations whose trigger matched. */
  triggered: number;
  awards: number;
  /** Missing keys: the trigger did not match or the count was 0, as in fedbadges. */
  keyErrors: number;
  /** Other expression failures and limits: the rule gave nothing for that message. */
  expressionErrors: number;
  /** Expression failures (not missing keys) by badge id, to find the rule that misbehaves. */
  failuresByRule: Map<string, number>;
}
