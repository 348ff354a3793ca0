import {
  Document, Pair, Scalar, type ToStringOptions, YAMLMap, isAlias, isCollection, isMap, isPair, isScalar, isSeq, parseDocument,
} from 'yaml';
import type { PathSegment } from '../yaml/yaml-document.js';
import type { MigrationPlan } from './migration-plan.js';
import { layoutOf } from './source-layout.js';

/**
 * The node-level edit of a 1.x rule file into the 2.x form. The `yaml`
 * package keeps each comment on the node it belongs to, so moving and
 * replacing nodes carries the comments along. Only the pairs that change
 * (`criteria`, `recipient`) are written anew, spliced into the text where
 * they stood: every other line of the file stays byte for byte.
 */

/** A comment block: yaml keeps each as text whose lines start after the `#`. */
const join = (...parts: Array<string | null | undefined>): string | undefined => {
  const kept = parts.filter((p): p is string => typeof p === 'string' && p !== '');
  return kept.length === 0 ? undefined : kept.join('\n');
};

/** Every comment in a subtree, in source order: what stands before it and what trails it. */
function commentsIn(node: unknown): { before: string[]; after: string[] } {
  const before: string[] = [];
  const after: string[] = [];
  const walk = (n: unknown, inner: boolean): void => {
    if (isPair(n)) { walk(n.key, true); walk(n.value, true); return; }
    if (!isScalar(n) && !isCollection(n)) return;
    if (n.commentBefore) before.push(n.commentBefore);
    if (isCollection(n)) for (const item of n.items) walk(item, true);
    // A trailing comment inside the replaced value reads best before the new one, in order.
    if (n.comment) (inner ? before : after).push(n.comment);
  };
  walk(node, false);
  return { before, after };
}

/** A string scalar standing where `old` stood, with all of old's comments. */
function replacement(old: unknown, text: string): Scalar<string> {
  const scalar = new Scalar(text);
  const { before, after } = commentsIn(old);
  if ((isScalar(old) || isCollection(old)) && old.spaceBefore === true) scalar.spaceBefore = true;
  scalar.commentBefore = join(...before);
  scalar.comment = join(...after);
  return scalar;
}

type KeyedPair = Pair<Scalar, unknown>;

function pairOf(map: unknown, key: string): KeyedPair | undefined {
  if (!isMap(map)) return undefined;
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as KeyedPair | undefined;
}

/**
 * The child of a collection at `segment`. An alias on the way is replaced by
 * a copy of what it names (without the anchor), so that changing a value
 * under it changes only this place, as the 1.x rule's value was changed.
 */
function childOf(doc: Document, parent: unknown, segment: PathSegment): unknown {
  const slot = typeof segment === 'number' && isSeq(parent) ? { get: () => parent.items[segment], set: (n: unknown) => { parent.items[segment] = n; } }
    : { get: () => pairOf(parent, String(segment))?.value, set: (n: unknown) => { pairOf(parent, String(segment))!.value = n; } };
  const child = slot.get();
  if (!isAlias(child)) return child;
  const target = child.resolve(doc);
  if (target === undefined) throw new Error(`the alias *${child.source} names no node`);
  const copy = target.clone() as typeof target;
  copy.anchor = undefined;
  slot.set(copy);
  return copy;
}

/** Replace the value at `at` (a path under the document's root, ending in a key or an index). */
function replaceAt(doc: Document, at: readonly PathSegment[], text: string): void {
  let parent: unknown = doc.contents;
  for (const segment of at.slice(0, -1)) parent = childOf(doc, parent, segment);
  const last = at.at(-1)!;
  if (typeof last === 'number' && isSeq(parent)) parent.items[last] = replacement(parent.items[last], text);
  else {
    const pair = pairOf(parent, String(last));
    if (pair === undefined) throw new Error(`no node at ${at.join('.')}`);
    pair.value = replacement(pair.value, text);
  }
}

/**
 * Where a top-level pair's text is: from its key, at the start of a line, to
 * the end of the line its value ends on. The comment lines that follow are
 * left where they are; yaml hangs them on the innermost last collection
 * (`trailing`), from which they must then be taken, or they would be written twice.
 */
interface Span { start: number; end: number; trailing: Array<{ comment?: string | null }> }

function spanOf(source: string, pair: KeyedPair): Span | null {
  const start = pair.key.range?.[0];
  if (start === undefined || !(start === 0 || source[start - 1] === '\n')) return null;
  let node: unknown = pair.value;
  const trailing: Array<{ comment?: string | null }> = [];
  while (isCollection(node) && node.flow !== true && node.items.length > 0) {
    trailing.push(node);
    const last = node.items.at(-1);
    node = isPair(last) ? (last.value ?? last.key) : last;
  }
  const valueEnd = (isScalar(node) || isCollection(node)) ? node.range?.[1] : undefined;
  if (valueEnd === undefined) return null;
  // A block scalar's text ends with its line break; any other value ends before it.
  if (source[valueEnd - 1] === '\n') return { start, end: valueEnd, trailing };
  const lineEnd = source.indexOf('\n', valueEnd);
  return { start, end: lineEnd < 0 ? source.length : lineEnd + 1, trailing };
}

/**
 * Edit `source` (a 1.x rule the loader accepted) by `plan`; the text of the
 * 2.x file. YAML 1.1, as fedbadges and Accolade read rules, whatever the
 * file's `%YAML` line says.
 */
export function editDocument(source: string, plan: MigrationPlan): string {
  const doc = parseDocument(source, { schema: 'yaml-1.1' });
  const root = doc.contents;
  if (!isMap(root)) throw new Error('a rule file holds a mapping');
  const options: ToStringOptions = { lineWidth: 0, ...layoutOf(source) };

  const criteria = pairOf(root, 'criteria')!;
  const criteriaMap = criteria.value as YAMLMap<Scalar, unknown>;
  const datanommer = pairOf(criteriaMap, 'datanommer')!;
  const query = datanommer.value as YAMLMap<Scalar, unknown>;
  const filter = pairOf(query, 'filter')!;
  const operation = pairOf(query, 'operation');
  const condition = pairOf(query, 'condition')!;
  const recipient = pairOf(root, 'recipient');

  // In place, the text around the criteria and recipient pairs stays: the comments and blank lines before their keys, after their values.
  const criteriaSpan = root.flow === true ? null : spanOf(source, criteria);
  const recipientSpan = recipient === undefined || criteriaSpan === null ? undefined : spanOf(source, recipient);
  const inPlace = criteriaSpan !== null && recipientSpan !== null;
  if (inPlace) for (const collection of [...criteriaSpan.trailing, ...(recipientSpan?.trailing ?? [])]) collection.comment = undefined;
  for (const { at, text } of plan.filter) replaceAt(doc, at, text);

  // criteria: and datanommer: go; their comments go to previous:, which stands for both.
  const previousMap = new YAMLMap<Scalar, unknown>();
  previousMap.flow = query.flow === true;
  previousMap.items = operation === undefined ? [filter] : [filter, operation];
  const previousKey = new Scalar('previous');
  if (!inPlace) {
    previousKey.commentBefore = criteria.key.commentBefore;
    previousKey.spaceBefore = criteria.key.spaceBefore;
  }
  previousKey.comment = join(criteria.key.comment, datanommer.key.comment);
  previousMap.commentBefore = join(datanommer.key.commentBefore, criteriaMap.commentBefore, query.commentBefore);
  condition.key.spaceBefore = undefined;
  const moved: Array<Pair<unknown, unknown>> = [new Pair(previousKey, previousMap), condition];

  let recipientPair: Pair<unknown, unknown> | undefined;
  if (recipient !== undefined) {
    const key = new Scalar('recipient');
    if (!inPlace) {
      key.commentBefore = recipient.key.commentBefore;
      key.spaceBefore = recipient.key.spaceBefore;
    }
    key.comment = recipient.key.comment;
    recipientPair = new Pair(key, replacement(recipient.value, plan.recipient.text));
  } else {
    const key = new Scalar('recipient');
    key.commentBefore = ' fedbadges 1.x awarded every username of the message but its service accounts';
    moved.push(new Pair(key, new Scalar(plan.recipient.text)));
  }

  if (!inPlace) {
    const at = root.items.indexOf(criteria as (typeof root.items)[number]);
    root.items.splice(at, 1, ...(moved as typeof root.items));
    if (recipient !== undefined) root.items[root.items.indexOf(recipient as (typeof root.items)[number])] = recipientPair as (typeof root.items)[number];
    return doc.toString(options);
  }
  const after = commentLinesAfter(source, criteriaSpan.end, options.indent ?? 2);
  const edits = [{ start: criteriaSpan.start, end: after.end, text: fragment(moved, options, source[criteriaSpan.end - 1] === '\n') + after.text }];
  if (recipientSpan !== undefined) edits.push({ ...recipientSpan, text: fragment([recipientPair!], options, source[recipientSpan.end - 1] === '\n') });
  let text = source;
  for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
  return text;
}

/**
 * The comment (and blank) lines right after the criteria, moved one level
 * out as the query's content was: `datanommer:` no longer nests it.
 */
function commentLinesAfter(source: string, from: number, step: number): { end: number; text: string } {
  let at = from;
  let text = '';
  while (at < source.length) {
    const lineEnd = source.indexOf('\n', at);
    const end = lineEnd < 0 ? source.length : lineEnd + 1;
    const line = source.slice(at, end);
    if (!/^[ \t]*(#.*)?\r?\n?$/.test(line)) break;
    text += line.replace(/^( +)#/, (_, spaces: string) => `${' '.repeat(Math.max(0, spaces.length - step))}#`);
    at = end;
  }
  return { end: at, text };
}

/** Top-level pairs written as a block of their own, to splice into the file (without a last line break where the file had none). */
function fragment(pairs: Array<Pair<unknown, unknown>>, options: ToStringOptions, endsLine: boolean): string {
  const map = new YAMLMap();
  map.items = pairs;
  const doc = new Document(null, { schema: 'yaml-1.1' });
  doc.contents = map;
  const text = doc.toString({ ...options, directives: false });
  return endsLine ? text : text.replace(/\n$/, '');
}
