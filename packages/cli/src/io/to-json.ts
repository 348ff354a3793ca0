import { PyDateTime, PyIterator, PyObject, PySet, pyRepr, pythonJsonDumps } from '@accolade/core';

/**
 * JSON for a Python value, for people and scripts: sets become sorted lists,
 * datetimes ISO strings, objects their attributes; what JSON cannot hold is
 * shown as its repr.
 */
export function valueToJson(value: unknown): string {
  return pythonJsonDumps(value, {
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
