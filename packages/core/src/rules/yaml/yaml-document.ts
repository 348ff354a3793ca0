import {
  EVENT_ID, type Event, type ScalarEvent, YAML11_SCHEMA, YAMLException, constructFromEvents, getScalarValue, parseEvents,
} from 'js-yaml';
import { LineIndex } from './line-index.js';

/** Where each node of a YAML document sits in its source. */
export type YamlNode =
  | { kind: 'scalar'; start: number; end: number; style: number; indent: number }
  | { kind: 'mapping'; start: number; entries: Array<{ key: string; keyNode: YamlNode; value: YamlNode }> }
  | { kind: 'sequence'; start: number; items: YamlNode[] }
  | { kind: 'alias'; start: number };

export type PathSegment = string | number;

export interface YamlLimits {
  /** Deepest nesting of collections. */
  maxDepth?: number;
  /** Most aliases (`*ref`) per document; a few are plenty for a rule, thousands are an attack. */
  maxAliases?: number;
  /**
   * Most nodes a document may have once aliases are expanded. Aliases share
   * one object, so memory stays small, but anything that walks the value
   * (validation, expressions) would pay for every copy: the billion laughs.
   */
  maxNodes?: number;
}

/** Count nodes as a walk would see them, stopping as soon as the limit is passed. */
function exceedsNodes(value: unknown, limit: number): boolean {
  let count = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const node = stack.pop();
    if (++count > limit) return true;
    // One by one: spreading a list of 100,000 items as arguments would overflow the stack.
    if (Array.isArray(node)) for (const item of node) stack.push(item);
    else if (node !== null && typeof node === 'object') for (const item of Object.values(node)) stack.push(item);
  }
  return false;
}

export type YamlResult =
  | { ok: true; documents: YamlDocument[] }
  | { ok: false; message: string; line: number; column: number };

type MappingNode = Extract<YamlNode, { kind: 'mapping' }>;
type MappingEntry = MappingNode['entries'][number];

/**
 * A mapping's entries by key, built the first time one is looked up: a file
 * with tens of thousands of unknown keys gets an issue for each, and finding
 * each issue's position by a scan of the entries would take quadratic time.
 */
const entryIndex = new WeakMap<MappingNode, Map<string, MappingEntry>>();

function entryOf(node: MappingNode, key: string): MappingEntry | undefined {
  // A rule's mappings have a handful of keys: a scan allocates nothing.
  if (node.entries.length <= 16) return node.entries.find((e) => e.key === key);
  let index = entryIndex.get(node);
  if (index === undefined) {
    index = new Map();
    for (const entry of node.entries) if (!index.has(entry.key)) index.set(entry.key, entry);
    entryIndex.set(node, index);
  }
  return index.get(key);
}

/** One parsed document: its value and a map back to the source. */
export class YamlDocument {
  constructor(readonly value: unknown, readonly root: YamlNode | null, readonly start: number, private readonly lines: LineIndex) {}

  /** The node at a path, or the deepest existing node on the way there. */
  node(path: readonly PathSegment[], { key = false } = {}): YamlNode | null {
    let node = this.root;
    for (let i = 0; i < path.length && node !== null; i++) {
      const segment = path[i]!;
      if (node.kind === 'mapping') {
        const entry = entryOf(node, String(segment));
        if (!entry) return node;
        node = key && i === path.length - 1 ? entry.keyNode : entry.value;
      } else if (node.kind === 'sequence' && typeof segment === 'number') {
        const item = node.items[segment];
        if (!item) return node;
        node = item;
      } else {
        return node;
      }
    }
    return node;
  }

  /** 1-based line and column of the node at `path` (or of its key). */
  locate(path: readonly PathSegment[], options: { key?: boolean } = {}): { line: number; column: number } {
    const node = this.node(path, options);
    return this.lines.position(node?.start ?? this.start);
  }

  position(offset: number): { line: number; column: number } {
    return this.lines.position(offset);
  }

  /**
   * The position of character `offset` of a scalar's value, following the
   * scalar's style: quotes, escapes and the line folding of block scalars.
   */
  locateInScalar(path: readonly PathSegment[], offset: number): { line: number; column: number } {
    const node = this.node(path);
    if (node?.kind !== 'scalar') return this.locate(path);
    return this.lines.position(rawOffset(this.lines.source, node, offset));
  }
}

const isBreak = (source: string, i: number): boolean => source[i] === '\n' || source[i] === '\r';
const breakLength = (source: string, i: number): number => (source[i] === '\r' && source[i + 1] === '\n' ? 2 : 1);

/**
 * Walk a scalar's source to the character that became `offset` of its value,
 * undoing what YAML did: quotes and escapes, CRLF line ends, the indentation
 * of block scalars (only the block's own; deeper indentation is content), and
 * line folding (a line break is one space, or nothing when blank lines
 * follow, each of which is one line break; trailing spaces before a break
 * are dropped).
 */
function rawOffset(source: string, node: Extract<YamlNode, { kind: 'scalar' }>, offset: number): number {
  const block = node.style === 4 || node.style === 5;
  const folds = node.style !== 4;
  const quote = node.style === 2 ? "'" : node.style === 3 ? '"' : '';
  const skipIndent = (from: number): number => {
    let i = from;
    if (block) for (let n = 0; n < node.indent && source[i] === ' '; n++) i++;
    else while (source[i] === ' ' || source[i] === '\t') i++;
    return i;
  };
  let raw = node.start + (quote === '' ? 0 : 1);
  if (block) raw = skipIndent(raw);
  let consumed = 0;
  while (consumed < offset && raw < node.end) {
    const ch = source[raw];
    if (isBreak(source, raw)) {
      let next = raw + breakLength(source, raw);
      let blanks = 0;
      for (;;) {
        let j = next;
        while (source[j] === ' ' || source[j] === '\t') j++;
        if (j >= node.end || !isBreak(source, j)) break;
        blanks++;
        next = j + breakLength(source, j);
      }
      consumed += folds ? Math.max(1, blanks) : 1 + blanks;
      raw = skipIndent(next);
      continue;
    }
    if (!block && (ch === ' ' || ch === '\t')) {
      let j = raw;
      while (source[j] === ' ' || source[j] === '\t') j++;
      if (isBreak(source, j)) { raw = j; continue; }
    }
    if (quote === '"' && ch === '\\') {
      if (isBreak(source, raw + 1)) { raw = skipIndent(raw + 1 + breakLength(source, raw + 1)); continue; }
      const kind = source[raw + 1];
      if (kind === 'U') {
        consumed += Number.parseInt(source.slice(raw + 2, raw + 10), 16) > 0xffff ? 2 : 1;
        raw += 10;
        continue;
      }
      raw += kind === 'x' ? 4 : kind === 'u' ? 6 : 2;
    } else if (quote === "'" && ch === "'" && source[raw + 1] === "'") raw += 2;
    else raw++;
    consumed++;
  }
  // An escaped line break stands for nothing: the character is on the next line.
  while (quote === '"' && source[raw] === '\\' && isBreak(source, raw + 1)) raw = skipIndent(raw + 1 + breakLength(source, raw + 1));
  return raw;
}

/**
 * Parse YAML the way fedbadges does (PyYAML, YAML 1.1 scalars: `yes` is a
 * bool), keeping the source offset of every node.
 */
export function parseYaml(source: string, filename: string, limits: YamlLimits = {}): YamlResult {
  const lines = new LineIndex(source);
  let events: Event[];
  try {
    events = parseEvents(source, { filename, maxDepth: limits.maxDepth ?? 100 });
    const values = constructFromEvents(events, { source, filename, schema: YAML11_SCHEMA, maxAliases: limits.maxAliases ?? 100 });
    const maxNodes = limits.maxNodes ?? 100_000;
    if (values.some((v) => exceedsNodes(v, maxNodes))) {
      const alias = events.find((e) => e.type === EVENT_ID.ALIAS) as { anchorStart: number } | undefined;
      const where = lines.position(alias ? alias.anchorStart - 1 : 0);
      const message = alias ? `aliases expand this document to more than ${maxNodes} nodes` : `this document has more than ${maxNodes} nodes`;
      return { ok: false, message, ...where };
    }
    const trees = buildTrees(events, source);
    return {
      ok: true,
      documents: values.map((value, i) => new YamlDocument(value, trees[i]?.root ?? null, trees[i]?.start ?? 0, lines)),
    };
  } catch (error) {
    if (error instanceof YAMLException) {
      const mark = error.mark;
      const where = mark ? { line: mark.line + 1, column: mark.column + 1 } : { line: 1, column: 1 };
      return { ok: false, message: error.reason, ...where };
    }
    if (error instanceof RangeError) return { ok: false, message: 'YAML nested too deeply', line: 1, column: 1 };
    throw error;
  }
}

type Open = { node: YamlNode; pendingKey: { key: string; keyNode: YamlNode } | null };

function buildTrees(events: Event[], source: string): Array<{ root: YamlNode | null; start: number }> {
  const docs: Array<{ root: YamlNode | null; start: number }> = [];
  const stack: Open[] = [];
  let current: { root: YamlNode | null; start: number } | null = null;

  const attach = (node: YamlNode, keyText?: string): void => {
    const parent = stack[stack.length - 1];
    if (!parent) {
      if (current) current.root = node;
      return;
    }
    if (parent.node.kind === 'sequence') parent.node.items.push(node);
    else if (parent.node.kind === 'mapping') {
      if (parent.pendingKey === null) parent.pendingKey = { key: keyText ?? '', keyNode: node };
      else {
        parent.node.entries.push({ ...parent.pendingKey, value: node });
        parent.pendingKey = null;
      }
    }
  };

  // An empty value (`key:`) has no offset of its own; it sits where the last node ended.
  let lastEnd = 0;
  for (const event of events) {
    switch (event.type) {
      case EVENT_ID.DOCUMENT:
        current = { root: null, start: 0 };
        docs.push(current);
        break;
      case EVENT_ID.MAPPING: {
        const node: YamlNode = { kind: 'mapping', start: startOf(event), entries: [] };
        attach(node, '');
        stack.push({ node, pendingKey: null });
        break;
      }
      case EVENT_ID.SEQUENCE: {
        const node: YamlNode = { kind: 'sequence', start: startOf(event), items: [] };
        attach(node, '');
        stack.push({ node, pendingKey: null });
        break;
      }
      case EVENT_ID.SCALAR: {
        const start = event.valueStart < 0 ? lastEnd : scalarStart(event, source);
        const node: YamlNode = { kind: 'scalar', start, end: Math.max(start, event.valueEnd), style: event.style, indent: event.indent };
        if (event.valueEnd >= 0) lastEnd = event.valueEnd;
        attach(node, event.valueStart < 0 ? '' : getScalarValue(source, event));
        break;
      }
      case EVENT_ID.ALIAS:
        attach({ kind: 'alias', start: event.anchorStart - 1 }, '*');
        break;
      case EVENT_ID.POP:
        if (stack.length > 0) stack.pop();
        break;
    }
  }
  return docs;
}

function startOf(event: { start: number; anchorStart: number; tagStart: number }): number {
  return [event.start, event.anchorStart, event.tagStart].filter((n) => n >= 0).reduce((a, b) => Math.min(a, b), event.start);
}

/** A quoted scalar's value starts after its quote; point at the quote, where the author sees the value begin. */
function scalarStart(event: ScalarEvent, source: string): number {
  const q = source[event.valueStart - 1];
  return (event.style === 2 || event.style === 3) && (q === '"' || q === "'") ? event.valueStart - 1 : event.valueStart;
}
