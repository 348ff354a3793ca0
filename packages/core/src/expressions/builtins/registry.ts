import { BUILTIN_FUNCTIONS } from './functions.js';
import { JSON_MODULE } from './modules/json-module.js';
import { RE_MODULE } from './modules/re-module.js';

/** Names every expression can use without binding them: the builtins and the json and re modules. */
export const BUILTIN_NAMES: ReadonlyMap<string, unknown> = new Map<string, unknown>([
  ...BUILTIN_FUNCTIONS,
  ['json', JSON_MODULE],
  ['re', RE_MODULE],
]);

/**
 * Python names that exist but that a rule must never reach: they would
 * touch the host, the file system or the interpreter itself.
 */
export const FORBIDDEN_NAMES: ReadonlySet<string> = new Set([
  'eval', 'exec', 'compile', 'open', 'input', 'print', 'help', 'exit', 'quit', 'breakpoint',
  'getattr', 'setattr', 'delattr', 'hasattr', 'globals', 'locals', 'vars', 'dir', 'type', 'object',
  'super', 'memoryview', 'bytearray', 'bytes', 'id', 'classmethod', 'staticmethod', 'property',
  'os', 'sys', 'subprocess', 'importlib', 'builtins', 'process', 'require', 'globalThis', 'window',
  'Function', 'constructor', 'prototype', 'module', 'exports', 'import',
]);
