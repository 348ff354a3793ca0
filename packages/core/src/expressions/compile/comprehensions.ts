import { valueError } from '../errors.js';
import type { Comprehension, Lambda, Target } from '../grammar/nodes.js';
import { charge, checkCollectionSize } from '../limits.js';
import { dictOf, setOf } from '../python/equality.js';
import { iterate } from '../python/sequences.js';
import { truthy } from '../python/truth.js';
import { typeError } from '../errors.js';
import { type CallContext, type Kwargs, PyCallable, PyIterator } from '../python/values.js';
import type { Compiler } from './compiler.js';
import type { Code, Frame } from './frame.js';

type Assign = (frame: Frame, value: unknown) => void;

function compileTarget(c: Compiler, target: Target): Assign {
  if (target.type === 'Name') {
    const slot = c.scope.bind(target.id);
    return (f, value) => { f.v[slot] = value; };
  }
  const parts = target.elts.map((t) => compileTarget(c, t));
  return (f, value) => {
    // One item past the targets is enough to know there are too many: `a, b = range(10**15)` must not walk it.
    const items: unknown[] = [];
    for (const item of iterate(value)) if (items.push(item) > parts.length) break;
    if (items.length !== parts.length) {
      throw valueError(items.length > parts.length
        ? `too many values to unpack (expected ${parts.length})`
        : `not enough values to unpack (expected ${parts.length}, got ${items.length})`);
    }
    parts.forEach((assign, i) => assign(f, items[i]));
  };
}

/**
 * The `for ... in ... if ...` clauses as nested loops, yielding once per
 * surviving combination with the targets assigned. Each iteration is one
 * step of the budget.
 */
type Loops = (f: Frame) => Generator<void>;

function compileLoops(c: Compiler, node: Comprehension): Loops {
  // The first iterable is evaluated outside the comprehension's own names, as in Python.
  const firstIter = c.node(node.generators[0]!.iter);
  c.scope.push();
  const clauses = node.generators.map((g, i) => ({
    iter: i === 0 ? firstIter : c.node(g.iter),
    assign: compileTarget(c, g.target),
    ifs: g.ifs.map((test) => c.node(test)),
  }));
  function* loop(f: Frame, depth: number): Generator<void> {
    if (depth === clauses.length) { yield; return; }
    const { iter, assign, ifs } = clauses[depth]!;
    for (const item of iterate(iter(f))) {
      charge(f);
      assign(f, item);
      if (ifs.every((test) => truthy(test(f)))) yield* loop(f, depth + 1);
    }
  }
  return (f) => loop(f, 0);
}

export function compileComprehension(c: Compiler, node: Comprehension): Code {
  const loops = compileLoops(c, node);
  const elt = c.node(node.elt);
  const value = node.value === null ? null : c.node(node.value);
  c.scope.pop();
  const gather = <T>(f: Frame, item: () => T): T[] => {
    const out: T[] = [];
    for (const _ of loops(f)) {
      out.push(item());
      if (out.length > f.limits.maxCollectionSize) checkCollectionSize(out.length, f.limits);
    }
    return out;
  };
  switch (node.kind) {
    case 'list': return (f) => gather(f, () => elt(f));
    case 'set': return (f) => setOf(gather(f, () => elt(f)));
    case 'dict': return (f) => dictOf(gather(f, () => [elt(f), value!(f)] as const));
    case 'generator':
      // Lazy, like Python: any() and all() stop as soon as they know.
      return (f) => new PyIterator((function* () {
        for (const _ of loops(f)) yield elt(f);
      })());
  }
}

/** A lambda: parameters get fresh slots; a call saves and restores them so nested calls are safe. */
export class PyLambda extends PyCallable {
  readonly name = '<lambda>';
  constructor(private readonly slots: readonly number[], private readonly body: Code, private readonly frame: Frame) {
    super();
  }
  call(args: readonly unknown[], kwargs: Kwargs, _ctx: CallContext): unknown {
    if (kwargs.size > 0) throw typeError('<lambda>() got an unexpected keyword argument');
    if (args.length !== this.slots.length) {
      throw typeError(`<lambda>() takes ${this.slots.length} positional argument${this.slots.length === 1 ? '' : 's'} but ${args.length} were given`);
    }
    const { v } = this.frame;
    const saved = this.slots.map((s) => v[s]);
    this.slots.forEach((s, i) => { v[s] = args[i]; });
    charge(this.frame);
    try {
      return this.body(this.frame);
    } finally {
      this.slots.forEach((s, i) => { v[s] = saved[i]; });
    }
  }
}

export function compileLambda(c: Compiler, node: Lambda): Code {
  c.scope.push();
  const slots = node.params.map((p) => c.scope.bind(p));
  const body = c.node(node.body);
  c.scope.pop();
  return (f) => new PyLambda(slots, body, f);
}
