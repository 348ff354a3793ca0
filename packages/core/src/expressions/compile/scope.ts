import { ExpressionError } from '../errors.js';

/**
 * Resolves names to frame slots at compile time. Rule variables take the
 * first slots; every comprehension target and lambda parameter gets a slot
 * of its own, so evaluation never looks a name up.
 */
export class Scope {
  private readonly levels: Array<Map<string, number>> = [];
  private next = 0;
  readonly usedGlobals = new Set<string>();

  constructor(readonly globals: readonly string[]) {
    this.levels.push(new Map(globals.map((name, i) => [name, i])));
    this.next = globals.length;
  }

  get size(): number {
    return this.next;
  }

  lookup(name: string): number | undefined {
    for (let i = this.levels.length - 1; i >= 0; i--) {
      const slot = this.levels[i]!.get(name);
      if (slot !== undefined) {
        if (i === 0) this.usedGlobals.add(name);
        return slot;
      }
    }
    return undefined;
  }

  push(): void {
    this.levels.push(new Map());
  }

  pop(): void {
    this.levels.pop();
  }

  bind(name: string): number {
    const slot = this.next++;
    this.levels[this.levels.length - 1]!.set(name, slot);
    return slot;
  }

  /** Every name visible here, for "did you mean" hints. */
  visible(): string[] {
    return this.levels.flatMap((level) => [...level.keys()]);
  }
}

export function unknownName(name: string, offset: number, candidates: Iterable<string>): ExpressionError {
  const hint = closest(name, candidates);
  return new ExpressionError('unknown-name', `name '${name}' is not defined${hint ? ` (did you mean '${hint}'?)` : ''}`, offset);
}

function closest(name: string, candidates: Iterable<string>): string | undefined {
  if (name.length < 3) return undefined;
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(name.length / 3)) + 1;
  for (const c of candidates) {
    const d = distance(name.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) { best = c; bestDistance = d; }
  }
  return best;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
