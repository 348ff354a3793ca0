import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pythonJsonDumps } from '../../expressions/python/json.js';
import { datanommerText } from './datanommer-text.js';

describe('the text datanommer stores for a body', () => {
  it("is exactly Python's json.dumps of it", () => {
    const value = fc.jsonValue({ depthSize: 'small' });
    const strings = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.constantFrom('é', '😀', '\u2028', '"\\\n\t\u0000'));
    const numbers = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(1e16, 1.5e-7, -0, 2 ** 53));
    fc.assert(fc.property(fc.oneof(value, strings, numbers, fc.dictionary(strings, fc.oneof(value, strings, numbers))), (v) => {
      expect(datanommerText(v)).toBe(pythonJsonDumps(v));
    }), { numRuns: 3000, seed: 3 });
    expect(datanommerText({ a: [1, 2.5, null, true], 'é': { b: 'x"y' } })).toBe('{"a": [1, 2.5, null, true], "\\u00e9": {"b": "x\\"y"}}');
  });
});
