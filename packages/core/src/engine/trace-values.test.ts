import { describe, expect, it } from 'vitest';
import { PyTuple } from '../expressions/python/values.js';
import { TRACE_ITEMS, toPlain } from './trace-values.js';

describe('values in traces', () => {
  it('are plain JSON: dates as ISO text, Python objects as their repr, keys like __proto__ as data', () => {
    const value = JSON.parse('{"when": null, "n": [1, "a", true], "__proto__": {"x": 1}}') as Record<string, unknown>;
    value['when'] = new Date('2024-05-01T12:00:00Z');
    value['t'] = new PyTuple([1, 2]);
    const plain = toPlain(value) as Record<string, unknown>;
    expect(JSON.stringify(plain)).toBe('{"when":"2024-05-01T12:00:00.000Z","n":[1,"a",true],"__proto__":{"x":1},"t":"(1, 2)"}');
    expect(({} as Record<string, unknown>)['x']).toBeUndefined();
  });

  it('show at most a thousand items of a value that shares one list many times over', () => {
    const row = Array.from({ length: 100 }, () => 0);
    let shared: unknown = row;
    for (let i = 0; i < 3; i++) shared = Array.from({ length: 100 }, () => shared);
    const text = JSON.stringify(toPlain(shared));
    expect((text.match(/0/g) ?? []).length).toBeLessThanOrEqual(TRACE_ITEMS);
    expect(text).toContain('"..."');
  });
});
