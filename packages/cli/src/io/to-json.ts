import { PyDateTime, PyIterator, PyObject, PySet, pyRepr, pythonJsonDumps } from '@accolade/core';

/**
 * The longest JSON printed for a value. A value can hold one list many times
 * over (`[[[[0] * 100] * 100] * 100] * 100` is a hundred million zeros built in
 * a few steps); written out in full it would take gigabytes and bring the
 * process down, so a longer one is refused with a limit error.
 */
export const MAX_JSON_OUTPUT = 10_000_000;

/**
 * JSON for a Python value, for people and scripts: sets become sorted lists,
 * datetimes ISO strings, objects their attributes; what JSON cannot hold is
 * shown as its repr.
 */
export function valueToJson(value: unknown): string {
  return pythonJsonDumps(value, {
    maxLength: MAX_JSON_OUTPUT,
    ensureAscii: false,
    fallback: (v) => {
      if (v instanceof PySet) return [...v.members.values()].sort((a, b) => (pyRepr(a) < pyRepr(b) ? -1 : 1));
      if (v instanceof PyDateTime) return v.toDate().toISOString();
      if (v instanceof PyObject) return { ...v.attrs };
      if (v instanceof PyIterator) return [...{ [Symbol.iterator]: () => v.iterator }];
      return pyRepr(v);
    },
  });
}
