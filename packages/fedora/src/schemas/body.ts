/**
 * Safe reads of a message body. Fedora's schema packages index the body
 * directly (a missing key raises); here a missing or mistyped part reads as
 * undefined, so a schema gives "unknown" instead of crashing the reader.
 */
export type Json = unknown;

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** The value at a path of keys (and list indexes), or undefined. */
export function at(value: Json, ...path: Array<string | number>): Json {
  let current: unknown = value;
  for (const key of path) {
    if (typeof key === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = current[key];
    } else {
      if (!isRecord(current) || !Object.hasOwn(current, key)) return undefined;
      current = current[key];
    }
  }
  return current;
}

/** The string at a path, or null (absent, null or not a string). */
export function str(value: Json, ...path: Array<string | number>): string | null {
  const v = at(value, ...path);
  return typeof v === 'string' ? v : null;
}

/** The list at a path, or null when there is no list there. */
export function list(value: Json, ...path: Array<string | number>): unknown[] | null {
  const v = at(value, ...path);
  return Array.isArray(v) ? v : null;
}

/** Does the body hold a value (any value, even null) at this path? */
export function has(value: Json, ...path: Array<string | number>): boolean {
  const parent = at(value, ...path.slice(0, -1));
  const last = path.at(-1);
  if (typeof last === 'number') return Array.isArray(parent) && last < parent.length;
  return last !== undefined && isRecord(parent) && Object.hasOwn(parent, last);
}

/** Names with no null, no empty string, no duplicate. */
export function names(...items: ReadonlyArray<string | null | undefined>): string[] {
  return [...new Set(items.filter((n): n is string => typeof n === 'string' && n !== ''))];
}

/** Sorted, deduplicated names, as the schemas that sort their usernames return them. */
export function sortedNames(...items: ReadonlyArray<string | null | undefined>): string[] {
  return names(...items).sort();
}

/** A package name from a build's name-version-release, as bodhi takes it: everything before the last two dashes. */
export function packageOfNvr(nvr: string): string {
  const parts = nvr.split('-');
  return parts.length <= 2 ? parts[0]! : parts.slice(0, -2).join('-');
}
