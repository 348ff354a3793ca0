import { COUNT_DIMENSIONS, COUNT_FIXED_KEYS, type CountDimension, type CountShape, type HistoryQuery, type SelfExclusion } from '@accolade/core';

/**
 * One kind of count kept running in the database: the dimension keys whose
 * values vary from query to query (sorted: the order of the counter's key
 * columns), the fixed keys with their values, the dimensions asked only
 * with some values (other messages are not counted), and the `not_` keys
 * whose value is the view's own user, package or agent.
 */
export interface CountViewSpec {
  readonly dimensions: readonly CountDimension[];
  readonly fixed: Readonly<Partial<Record<string, readonly string[]>>>;
  readonly only: Readonly<Partial<Record<CountDimension, readonly string[]>>>;
  readonly notSelf: readonly SelfExclusion[];
}

export const WHO_DIMENSIONS: readonly CountDimension[] = ['agents', 'packages', 'users'];
const SELF_EXCLUSIONS: readonly SelfExclusion[] = ['not_agents', 'not_packages', 'not_users'];

const distinct = (values: readonly string[]): string[] => [...new Set(values)].sort();

/**
 * The views every store keeps besides the announced shapes: one who (user,
 * package, agent) and one where (topic, category), the questions most
 * rules ask ("how many of this user's messages on this topic"). The engine
 * does not announce them (its in-memory store counts them another way).
 */
export const BASIC_SHAPES: readonly CountShape[] = WHO_DIMENSIONS.flatMap((who) =>
  (['categories', 'topics'] as const).map((where) => ({ dimensions: [who, where], fixed: {} })),
);

/**
 * Which view a query or a shape belongs to, without its restriction to
 * some values: its dimensions, fixed keys with their values, self-exclusions.
 */
function shapeKey(dimensions: readonly CountDimension[], fixed: CountViewSpec['fixed'], notSelf: readonly SelfExclusion[]): string {
  const parts: unknown[] = [dimensions];
  for (const k of COUNT_FIXED_KEYS) {
    const values = fixed[k];
    if (values !== undefined && values.length > 0) parts.push([k, distinct(values)]);
  }
  parts.push(['self', [...notSelf].sort()]);
  return JSON.stringify(parts);
}

/**
 * The view's stable name in `accolade_count_views`: its shape and its
 * restriction, so a rule set that asks more values than a stored view was
 * built for gets a view of its own rather than counters that miss messages.
 * The version prefix changes whenever what a counter means changes.
 */
export function viewKey(spec: CountViewSpec): string {
  const only = spec.dimensions.filter((d) => spec.only[d] !== undefined).map((d) => [d, distinct(spec.only[d]!)]);
  return `v1 ${shapeKey(spec.dimensions, spec.fixed, spec.notSelf)} ${JSON.stringify(only)}`;
}

/**
 * The views for the engine's shapes: shapes of the same key merged, their
 * restrictions widened to the union (none when one of them has none).
 * Shapes with self-exclusions need exactly one who dimension.
 */
export function viewsForShapes(shapes: readonly CountShape[]): CountViewSpec[] {
  const byShape = new Map<string, CountViewSpec>();
  for (const shape of shapes) {
    const dimensions = [...new Set(shape.dimensions)].filter((d) => COUNT_DIMENSIONS.includes(d)).sort();
    if (dimensions.length === 0) continue;
    const notSelf = distinct(shape.notSelf ?? []) as SelfExclusion[];
    if (notSelf.length > 0 && dimensions.filter((d) => WHO_DIMENSIONS.includes(d)).length !== 1) continue;
    const fixed: Partial<Record<string, readonly string[]>> = {};
    for (const k of COUNT_FIXED_KEYS) if ((shape.fixed[k]?.length ?? 0) > 0) fixed[k] = distinct(shape.fixed[k]!);
    const only: Partial<Record<CountDimension, readonly string[]>> = {};
    for (const d of dimensions) if ((shape.only?.[d]?.length ?? 0) > 0) only[d] = distinct(shape.only![d]!);
    const key = shapeKey(dimensions, fixed, notSelf);
    const seen = byShape.get(key);
    if (seen !== undefined) {
      for (const d of dimensions) {
        const a = seen.only[d];
        const b = only[d];
        if (a === undefined || b === undefined) delete only[d];
        else only[d] = distinct([...a, ...b]);
      }
    }
    byShape.set(key, { dimensions, fixed, only, notSelf });
  }
  return [...byShape.values()];
}

/** What a view needs of a query: which view, and the values asked for each of its dimensions. */
export interface ViewLookup {
  readonly spec: CountViewSpec;
  readonly lists: readonly (readonly string[])[];
}

/**
 * Views by shape, and the view (if any) whose counters answer a query
 * exactly: the same dimensions, fixed keys and values (or `not_` keys whose
 * one value is the query's one user, package or agent: a self-exclusion),
 * no time window or msg_id, values within the view's restriction, and at
 * most one user and one package (a message has several users: with two
 * asked, one message would be counted twice; a message has one topic,
 * category and agent, so several of those just add up).
 */
export class CountViewIndex {
  private readonly views = new Map<string, CountViewSpec>();

  constructor(specs: readonly CountViewSpec[]) {
    for (const spec of specs) this.views.set(shapeKey(spec.dimensions, spec.fixed, spec.notSelf), spec);
  }

  lookup(query: HistoryQuery): ViewLookup | null {
    if (this.views.size === 0 || query.start !== undefined || query.end !== undefined || query.msg_id !== undefined) return null;
    const dimensions = COUNT_DIMENSIONS.filter((d) => (query[d]?.length ?? 0) > 0).sort();
    if (dimensions.length === 0) return null;
    const fixed: Partial<Record<string, readonly string[]>> = {};
    for (const k of COUNT_FIXED_KEYS) if ((query[k]?.length ?? 0) > 0) fixed[k] = query[k];
    const spec = this.views.get(shapeKey(dimensions, fixed, [])) ?? this.selfView(query, dimensions, fixed);
    if (spec === undefined) return null;
    const lists = spec.dimensions.map((d) => distinct(query[d]!));
    for (const [i, d] of spec.dimensions.entries()) {
      const only = spec.only[d];
      if (only !== undefined && lists[i]!.some((v) => !only.includes(v))) return null;
      if ((d === 'users' || d === 'packages') && lists[i]!.length > 1) return null;
    }
    return { spec, lists };
  }

  private selfView(query: HistoryQuery, dimensions: readonly CountDimension[], fixed: Partial<Record<string, readonly string[]>>): CountViewSpec | undefined {
    const who = dimensions.filter((d) => WHO_DIMENSIONS.includes(d));
    if (who.length !== 1) return undefined;
    const whoValues = distinct(query[who[0]!]!);
    if (whoValues.length !== 1) return undefined;
    const notSelf = SELF_EXCLUSIONS.filter((k) => (query[k]?.length ?? 0) > 0 && query[k]!.every((v) => v === whoValues[0]));
    if (notSelf.length === 0) return undefined;
    const rest = { ...fixed };
    for (const k of notSelf) delete rest[k];
    return this.views.get(shapeKey(dimensions, rest, notSelf));
  }
}
