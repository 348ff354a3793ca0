import type { CountShape, HistoryQuery, HistoryRow, SelfExclusion } from '../history-store.js';
import { COUNT_DIMENSIONS, COUNT_FIXED_KEYS, type CountDimension } from '../history-store.js';
import { type Predicate, compilePredicate } from './query-predicate.js';

function rowValues(row: HistoryRow, key: CountDimension): readonly string[] {
  switch (key) {
    case 'users': return row.users;
    case 'packages': return row.packages;
    case 'agents': return row.agent_name === null ? [] : [row.agent_name];
    case 'topics': return [row.topic];
    case 'categories': return [row.category];
  }
}

const distinct = (values: readonly string[]): readonly string[] => (values.length <= 1 ? values : [...new Set(values)].sort());

/**
 * Which view a query or a shape belongs to: its dimension keys, its fixed
 * keys with their values, its self-exclusions. Asked on every count, so
 * written by hand, each value with its length first.
 */
function shapeKey(dimensions: readonly CountDimension[], fixed: Partial<Record<string, readonly string[]>>, notSelf: readonly SelfExclusion[]): string {
  let key = '';
  for (const d of COUNT_DIMENSIONS) if (dimensions.includes(d)) key += `${d},`;
  for (const k of COUNT_FIXED_KEYS) {
    const values = fixed[k];
    if (values === undefined || values.length === 0) continue;
    key += `|${k}`;
    for (const v of distinct(values)) key += `:${v.length}:${v}`;
  }
  for (const k of SELF_EXCLUSIONS) if (notSelf.includes(k)) key += `|self:${k}`;
  return key;
}

const WHO_DIMENSIONS: readonly CountDimension[] = ['users', 'packages', 'agents'];
const SELF_EXCLUSIONS: readonly SelfExclusion[] = ['not_agents', 'not_packages', 'not_users'];

/** Does the message pass `not_<key>: [who]`? SQL NULL logic: a message without an agent never passes not_agents. */
function passesSelf(row: HistoryRow, who: string, key: SelfExclusion): boolean {
  switch (key) {
    case 'not_agents': return row.agent_name !== null && row.agent_name !== who;
    case 'not_users': return !row.users.includes(who);
    case 'not_packages': return !row.packages.includes(who);
  }
}

interface View {
  dimensions: CountDimension[];
  /** `not_` keys whose value is the view's own who dimension's value, and where that dimension is. */
  notSelf: readonly SelfExclusion[];
  selfAt: number;
  fixed: Partial<Record<string, readonly string[]>>;
  /** Dimensions asked only with these values: other messages are not counted at all. */
  only: Partial<Record<CountDimension, ReadonlySet<string>>>;
  test: Predicate;
  counts: Tally;
  /** Where each dimension is in COUNT_DIMENSIONS. */
  dimensionAt: readonly number[];
  /** The lists of one message being counted, reused: counting is synchronous. */
  scratch: Array<readonly string[]>;
}

type Level = Map<string, Level | number>;

/** Where and what first: few values, so the inner maps are few and full. */
const NESTING_RANK: Record<CountDimension, number> = { topics: 0, categories: 1, agents: 2, packages: 3, users: 4 };

/**
 * Counts by combination of one value per dimension, as nested maps, so
 * counting a message builds no key strings: it walks a map per dimension.
 */
class Tally {
  private readonly root: Level = new Map();
  /** Which of the lists each level reads. */
  private readonly order: readonly number[];

  constructor(dimensions: readonly CountDimension[]) {
    this.order = dimensions.map((_, i) => i).sort((a, b) => NESTING_RANK[dimensions[a]!] - NESTING_RANK[dimensions[b]!]);
  }

  /** Count one message under every combination of one value from each list (each list's values distinct). */
  add(lists: ReadonlyArray<readonly string[]>): void {
    this.addAt(this.root, lists, 0);
  }

  /** The sum of the counts of every combination. */
  sum(lists: ReadonlyArray<readonly string[]>): number {
    return this.sumAt(this.root, lists, 0);
  }

  private addAt(level: Level, lists: ReadonlyArray<readonly string[]>, depth: number): void {
    const values = lists[this.order[depth]!]!;
    const last = depth === this.order.length - 1;
    for (const v of values) {
      if (last) { level.set(v, ((level.get(v) as number | undefined) ?? 0) + 1); continue; }
      let next = level.get(v) as Level | undefined;
      if (next === undefined) level.set(v, (next = new Map()));
      this.addAt(next, lists, depth + 1);
    }
  }

  private sumAt(level: Level, lists: ReadonlyArray<readonly string[]>, depth: number): number {
    const values = lists[this.order[depth]!]!;
    const last = depth === this.order.length - 1;
    let n = 0;
    for (const v of values) {
      const found = level.get(v);
      if (found === undefined) continue;
      n += last ? (found as number) : this.sumAt(found as Level, lists, depth + 1);
    }
    return n;
  }
}

type Only = Partial<Record<CountDimension, ReadonlySet<string>>>;

/** The restriction that serves both: per dimension, the union of values, or none when either has none. */
function widen(a: Only, b: Only, dimensions: readonly CountDimension[]): Only {
  const out: Only = {};
  for (const d of dimensions) {
    const x = a[d];
    const y = b[d];
    if (x !== undefined && y !== undefined) out[d] = new Set([...x, ...y]);
  }
  return out;
}

const covers = (outer: Only, inner: Only, dimensions: readonly CountDimension[]): boolean =>
  dimensions.every((d) => outer[d] === undefined || (inner[d] !== undefined && [...inner[d]!].every((v) => outer[d]!.has(v))));

function makeView(dimensions: CountDimension[], fixed: View['fixed'], only: Only, notSelf: readonly SelfExclusion[]): View {
  const restriction = Object.fromEntries(Object.entries(only).map(([d, values]) => [d, [...values]]));
  const selfAt = dimensions.findIndex((d) => WHO_DIMENSIONS.includes(d));
  return {
    dimensions, notSelf, selfAt, fixed, only, test: compilePredicate({ ...fixed, ...restriction } as HistoryQuery), counts: new Tally(dimensions),
    dimensionAt: dimensions.map((d) => COUNT_DIMENSIONS.indexOf(d)), scratch: dimensions.map(() => []),
  };
}

/**
 * The views a message can count in, found from its topic and category: a
 * view whose rules name their topics (or categories) is filed under each,
 * so a message is tested only against the views of its own topic and the
 * few that are not restricted, not against every view.
 */
class Router {
  readonly byTopic = new Map<string, View[]>();
  readonly byCategory = new Map<string, View[]>();
  readonly rest: View[] = [];

  constructor(views: Iterable<View>) {
    for (const view of views) {
      const file = (map: Map<string, View[]>, keys: ReadonlySet<string>): void => {
        for (const k of keys) {
          const list = map.get(k);
          if (list === undefined) map.set(k, [view]);
          else list.push(view);
        }
      };
      if (view.only.topics !== undefined) file(this.byTopic, view.only.topics);
      else if (view.only.categories !== undefined) file(this.byCategory, view.only.categories);
      else this.rest.push(view);
    }
  }
}

/**
 * Running counts for the query shapes an engine announced (`prepare`), so
 * that counts with `contains` and `not_` filters — whose values are the
 * same in every query of a rule — take time independent of the history:
 * per shape, the number of matching messages for each combination of the
 * varying keys' values (user, topic...), kept up to date as messages arrive.
 * A dimension a rule writes as a constant (its topic, say) limits the view
 * to those messages.
 */
export class CountViews {
  private readonly views = new Map<string, View>();
  private router = new Router([]);

  get size(): number {
    return this.views.size;
  }

  /** Register shapes; the new ones (and any whose restriction had to widen) are counted over `existing` in one pass. */
  prepare(shapes: readonly CountShape[], existing: Iterable<{ row: HistoryRow; text: () => string }>): void {
    const wanted = new Map<string, View>();
    for (const shape of shapes) {
      const dimensions = [...new Set(shape.dimensions)].filter((d) => COUNT_DIMENSIONS.includes(d)).sort();
      if (dimensions.length === 0) continue;
      const only: Only = {};
      for (const d of dimensions) {
        const values = shape.only?.[d];
        if (values !== undefined && values.length > 0) only[d] = new Set(values);
      }
      const notSelf = [...new Set(shape.notSelf ?? [])].sort();
      if (notSelf.length > 0 && dimensions.filter((d) => WHO_DIMENSIONS.includes(d)).length !== 1) continue;
      const key = shapeKey(dimensions, shape.fixed, notSelf);
      const seen = wanted.get(key);
      wanted.set(key, makeView(dimensions, shape.fixed, seen === undefined ? only : widen(seen.only, only, dimensions), notSelf));
    }
    const added: View[] = [];
    for (const [key, view] of wanted) {
      const current = this.views.get(key);
      if (current !== undefined && covers(current.only, view.only, view.dimensions)) continue;
      const built = current === undefined ? view : makeView(view.dimensions, view.fixed, widen(current.only, view.only, view.dimensions), view.notSelf);
      this.views.set(key, built);
      added.push(built);
    }
    if (added.length === 0) return;
    this.router = new Router(this.views.values());
    const router = new Router(added);
    for (const { row, text } of existing) this.addTo(router, row, text);
  }

  add(row: HistoryRow, text: () => string): void {
    if (this.views.size > 0) this.addTo(this.router, row, text);
  }

  private addTo(router: Router, row: HistoryRow, text: () => string): void {
    // Every message of a history passes here: the row's values per dimension are worked out once, in a reused array.
    const values = this.rowValues;
    values.fill(undefined);
    // The views filed under the row's topic, its category, and the rest: a view is filed in one of the three, so it comes once.
    this.addToViews(router.byTopic.get(row.topic), row, text);
    this.addToViews(router.byCategory.get(row.category), row, text);
    this.addToViews(router.rest, row, text);
  }

  private readonly rowValues: Array<readonly string[] | undefined> = new Array(COUNT_DIMENSIONS.length).fill(undefined);

  private addToViews(views: readonly View[] | undefined, row: HistoryRow, text: () => string): void {
    if (views === undefined) return;
    const values = this.rowValues;
    for (const view of views) {
      if (!view.test(row, text)) continue;
      const lists = view.scratch;
      for (let i = 0; i < view.dimensions.length; i++) {
        const at = view.dimensionAt[i]!;
        lists[i] = values[at] ??= distinct(rowValues(row, view.dimensions[i]!));
      }
      if (view.notSelf.length > 0) lists[view.selfAt] = lists[view.selfAt]!.filter((who) => view.notSelf.every((k) => passesSelf(row, who, k)));
      view.counts.add(lists);
    }
  }

  /**
   * The view that reads the query's `not_` keys as excluding its own user
   * (package, agent): they must hold exactly the one value of its one who key.
   */
  private selfView(query: HistoryQuery, dimensions: readonly CountDimension[], fixed: Partial<Record<string, readonly string[]>>): View | undefined {
    const who = dimensions.filter((d) => WHO_DIMENSIONS.includes(d));
    if (who.length !== 1) return undefined;
    const whoValues = distinct(query[who[0]!]!);
    if (whoValues.length !== 1) return undefined;
    const notSelf = SELF_EXCLUSIONS.filter((k) => query[k] !== undefined && query[k].length > 0 && query[k].every((v) => v === whoValues[0]));
    if (notSelf.length === 0) return undefined;
    const rest = { ...fixed };
    for (const k of notSelf) delete rest[k];
    return this.views.get(shapeKey(dimensions, rest, notSelf));
  }

  /** The count from a view, or null when no view has the query's shape (or a message could be counted twice). */
  count(query: HistoryQuery): number | null {
    if (this.views.size === 0 || query.start !== undefined || query.end !== undefined || query.msg_id !== undefined) return null;
    const dimensions = COUNT_DIMENSIONS.filter((d) => (query[d]?.length ?? 0) > 0);
    const fixed: Partial<Record<string, readonly string[]>> = {};
    for (const k of COUNT_FIXED_KEYS) if ((query[k]?.length ?? 0) > 0) fixed[k] = query[k];
    const view = this.views.get(shapeKey(dimensions, fixed, [])) ?? this.selfView(query, dimensions, fixed);
    if (view === undefined) return null;
    const lists = view.dimensions.map((d) => distinct(query[d]!));
    if (view.dimensions.some((d, i) => view.only[d] !== undefined && lists[i]!.some((v) => !view.only[d]!.has(v)))) return null;
    // A message has several users and packages: with several values one message could be counted twice.
    if (view.dimensions.some((d, i) => (d === 'users' || d === 'packages') && lists[i]!.length > 1)) return null;
    return view.counts.sum(lists);
  }
}
