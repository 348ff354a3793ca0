import { attributeError, typeError } from '../errors.js';
import { PyBoundMethod, PyBuiltin, PyCallable, PyDateTime, type CallContext, type Kwargs, PyMatch, PyModule, PyObject, PySet, PyTimeDelta, PyTuple, isDict, typeName } from '../python/values.js';
import { DICT_METHODS, LIST_METHODS, SET_METHODS, TUPLE_METHODS } from './collection-methods.js';
import { DATETIME_METHODS, TIMEDELTA_METHODS, datetimeAttribute } from './datetime-methods.js';
import { MATCH_METHODS, RE_MODULE } from './modules/re-module.js';
import { JSON_MODULE } from './modules/json-module.js';
import { STR_METHODS } from './str-methods.js';

function methodsOf(value: unknown): ReadonlyMap<string, PyBuiltin> | undefined {
  if (typeof value === 'string') return STR_METHODS;
  if (Array.isArray(value)) return LIST_METHODS;
  if (isDict(value)) return DICT_METHODS;
  if (value instanceof PyTuple) return TUPLE_METHODS;
  if (value instanceof PySet) return SET_METHODS;
  if (value instanceof PyDateTime) return DATETIME_METHODS;
  if (value instanceof PyTimeDelta) return TIMEDELTA_METHODS;
  if (value instanceof PyMatch) return MATCH_METHODS;
  return undefined;
}

function noAttribute(value: unknown, name: string): never {
  if (value instanceof PyModule) throw attributeError(`module '${value.name}' has no attribute '${name}'`);
  throw attributeError(`'${typeName(value)}' object has no attribute '${name}'`);
}

/** `value.name` outside a call. Objects answer from their own attributes only. */
export function getAttribute(value: unknown, name: string): unknown {
  if (value instanceof PyObject) {
    if (Object.hasOwn(value.attrs, name)) return value.attrs[name];
    return noAttribute(value, name);
  }
  if (value instanceof PyModule) {
    if (Object.hasOwn(value.members, name)) return value.members[name];
    return noAttribute(value, name);
  }
  if (value instanceof PyDateTime || value instanceof PyTimeDelta) {
    const attr = datetimeAttribute(value, name);
    if (attr.found) return attr.value;
  }
  if (value instanceof PyMatch && name === 'string') return value.string;
  const method = methodsOf(value)?.get(name);
  if (method !== undefined) return new PyBoundMethod(value, method);
  return noAttribute(value, name);
}

/** `value.name(args)`, without building a bound method on the way. */
export function callMethod(value: unknown, name: string, args: readonly unknown[], kwargs: Kwargs, ctx: CallContext): unknown {
  if (value instanceof PyObject || value instanceof PyModule) {
    const attr = getAttribute(value, name);
    if (!(attr instanceof PyCallable)) throw typeError(`'${typeName(attr)}' object is not callable`);
    return attr.call(args, kwargs, ctx);
  }
  const method = methodsOf(value)?.get(name);
  if (method === undefined) return noAttribute(value, name);
  return method.call([value, ...args], kwargs, ctx);
}

/** Every method name some value answers to: a call of any other name is a mistake worth reporting at load. */
export const KNOWN_METHOD_NAMES: ReadonlySet<string> = new Set([
  ...[STR_METHODS, LIST_METHODS, TUPLE_METHODS, DICT_METHODS, SET_METHODS, DATETIME_METHODS, TIMEDELTA_METHODS, MATCH_METHODS]
    .flatMap((table) => [...table.keys()]),
  ...Object.keys(RE_MODULE.members),
  ...Object.keys(JSON_MODULE.members),
]);
