import { typeError } from '../../errors.js';
import { chargeSize } from '../../limits.js';
import { pythonJsonDumps, pythonJsonLoads } from '../../python/json.js';
import { truthy } from '../../python/truth.js';
import { PyBuiltin, PyCallable, PyModule, PyTuple, typeName } from '../../python/values.js';

/** The `json` module: dumps and loads, with Python's output format. */
export const JSON_MODULE = new PyModule('json', {
  dumps: new PyBuiltin('dumps', { min: 1, max: 1, keywords: ['sort_keys', 'indent', 'separators', 'ensure_ascii', 'default'] }, ([value], kw, ctx) => {
    const separators = kw.get('separators');
    let seps: [string, string] | null = null;
    if (separators !== undefined && separators !== null) {
      const items = separators instanceof PyTuple ? separators.items : Array.isArray(separators) ? separators : [];
      if (items.length !== 2 || typeof items[0] !== 'string' || typeof items[1] !== 'string') {
        throw typeError('separators must be a (item_separator, key_separator) pair of strings');
      }
      seps = [items[0], items[1]];
    }
    const indent = kw.get('indent');
    if (indent !== undefined && indent !== null && typeof indent !== 'number' && typeof indent !== 'string') {
      throw typeError(`indent must be an int or a str, not ${typeName(indent)}`);
    }
    const fallback = kw.get('default');
    const text = pythonJsonDumps(value, {
      sortKeys: truthy(kw.get('sort_keys') ?? false),
      indent: (indent as number | string | null | undefined) ?? null,
      separators: seps,
      ensureAscii: truthy(kw.get('ensure_ascii') ?? true),
      maxLength: ctx.limits.maxStringLength,
      ...(fallback instanceof PyCallable ? { fallback: (v: unknown) => fallback.call([v], new Map(), ctx) } : {}),
    });
    chargeSize(ctx, text.length);
    return text;
  }),
  loads: new PyBuiltin('loads', { min: 1, max: 1 }, ([text]) => pythonJsonLoads(text)),
});
