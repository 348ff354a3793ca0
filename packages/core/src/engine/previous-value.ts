import { ExpressionError } from '../expressions/errors.js';
import type { HistoryRow, HistoryStore } from '../stores/history-store.js';
import type { CandidateTrace } from './explanation.js';
import { buildHistoryQuery, queryKey } from './history-query.js';
import { FAILED, KEY_MISSING, type RuleContext } from './message-run.js';
import { historyRowObject } from './python-views.js';
import { toPlain } from './trace-values.js';

/** fedbadges: a missing key while building the query or in the operation counts as 0. */
function zeroForMissingKey(trace?: CandidateTrace): number {
  if (trace) trace.value = 0;
  return 0;
}

/**
 * The value the condition tests for one candidate: the `previous` count
 * (which includes the current message), the lambda operation's result over
 * the matching rows, or 1 when the rule has no `previous`.
 */
export async function previousValue(ctx: RuleContext, history: HistoryStore, recipient: string, trace?: CandidateTrace): Promise<unknown> {
  const previous = ctx.rule.previous;
  if (previous === null) {
    if (trace) trace.value = 1;
    return 1;
  }
  const { run } = ctx;
  const evaluated: unknown[][] = [];
  for (const filter of previous.filters) {
    const values: unknown[] = [];
    for (const site of filter.items) {
      const v = ctx.evaluate(site, [run.messageObject, run.msg(site), recipient], recipient);
      if (v === KEY_MISSING) return zeroForMissingKey(trace);
      if (v === FAILED) {
        if (trace) trace.error = `${site.path} failed (see the log)`;
        return FAILED;
      }
      values.push(v);
    }
    evaluated.push(values);
  }
  let query;
  try {
    query = buildHistoryQuery(previous.filters, evaluated);
  } catch (error) {
    if (!(error instanceof ExpressionError)) throw error;
    ctx.reportValue(error.message, previous.filters[0]!.items[0]!, recipient);
    if (trace) trace.error = error.message;
    return FAILED;
  }
  if (trace) trace.query = toPlain(query) as Record<string, unknown>;
  const key = queryKey(query);
  if (previous.operation.kind === 'count') {
    const count = await run.once(`count${key}`, () => history.count(query));
    if (trace) trace.value = count;
    return count;
  }
  const rows = (await run.once(`find${key}`, () => history.find(query))) as HistoryRow[];
  const site = previous.operation.site;
  const value = ctx.evaluate(site, [run.messageObject, run.msg(site), recipient, rows.map(historyRowObject)], recipient);
  if (value === KEY_MISSING) return zeroForMissingKey(trace);
  if (value === FAILED) {
    if (trace) trace.error = 'the operation failed (see the log)';
    return FAILED;
  }
  if (trace) trace.value = toPlain(value);
  return value;
}
