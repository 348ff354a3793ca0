import type { CompiledExpression } from '../expressions/expression.js';
import type { BadgeDefinition } from '../stores/award-store.js';
import type { HistoryListKey } from '../stores/history-store.js';
import type { RecipientConverter } from '../stores/user-directory.js';
import type { RuleDefinition } from './rule-definition.js';

/** An expression together with where it was written, for error reports at run time. */
export interface ExpressionSite {
  readonly expression: CompiledExpression;
  readonly file: string;
  /** Rule field path, e.g. `previous.filter.users[0]`. */
  readonly path: string;
  readonly line: number;
  readonly column: number;
  /** Where a character of the expression is in the file (for run-time errors with an offset). */
  readonly locate: (offset: number) => { line: number; column: number };
}

export type TriggerNode =
  | { readonly kind: 'topic'; readonly suffix: string }
  | { readonly kind: 'category'; readonly value: string }
  | { readonly kind: 'lambda'; readonly site: ExpressionSite }
  | { readonly kind: 'all' | 'any'; readonly children: readonly TriggerNode[] }
  | { readonly kind: 'not'; readonly child: TriggerNode };

export type ScalarFilterKey = 'start' | 'end' | 'msg_id' | 'rows_per_page' | 'page' | 'order';

/** One `previous.filter` key: a single expression, or a list whose results are gathered. */
export type FilterSpec =
  | { readonly key: HistoryListKey; readonly items: readonly ExpressionSite[]; readonly list: boolean }
  | { readonly key: ScalarFilterKey; readonly items: readonly ExpressionSite[]; readonly list: boolean };

export interface CompiledPrevious {
  readonly filters: readonly FilterSpec[];
  readonly operation: { readonly kind: 'count' } | { readonly kind: 'lambda'; readonly site: ExpressionSite };
}

export type CompiledCondition =
  | { readonly kind: 'phrase'; readonly phrase: string; readonly threshold: number; readonly test: (value: number) => boolean }
  | { readonly kind: 'lambda'; readonly site: ExpressionSite };

/** A rule ready to run: every expression parsed and checked, the badge identified. */
export interface CompiledRule {
  readonly badgeId: string;
  readonly name: string;
  readonly file: string;
  readonly definition: RuleDefinition;
  /** Loaded from the fedbadges 1.x form. */
  readonly legacy: boolean;
  readonly trigger: TriggerNode;
  readonly recipient: ExpressionSite;
  readonly converters: readonly RecipientConverter[];
  readonly previous: CompiledPrevious | null;
  readonly condition: CompiledCondition;
  readonly badge: BadgeDefinition;
}

/** The names each kind of expression can use. `msg` is the fedmsg-style envelope 1.x rules read. */
export const SITE_GLOBALS = {
  trigger: ['message', 'msg'],
  recipient: ['message', 'msg'],
  filter: ['message', 'msg', 'recipient'],
  operation: ['message', 'msg', 'recipient', 'results'],
  condition: ['value'],
} as const;
