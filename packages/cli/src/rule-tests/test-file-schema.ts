import { createRequire } from 'node:module';
import type { YamlDocument } from '@accolade/core';
import { Ajv, type ErrorObject } from 'ajv';
import type { TestProblem } from './test-problem.js';

type PathSegment = string | number;

/**
 * The JSON Schema of a rule test file, shipped as `@accolade/cli/test-file.schema.json`
 * and printed by `accolade schema --test-file`. The loader checks every test
 * file with it, so the schema and what `accolade test` accepts cannot drift apart.
 */
export const testFileJsonSchema: Readonly<Record<string, unknown>> = createRequire(import.meta.url)('../../test-file.schema.json') as Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(testFileJsonSchema);

const YAML_TYPES: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false', integer: 'an integer', null: 'empty' };

/** `cases[1].awards[0]` from ['cases', 1, 'awards', 0]. */
export function formatPath(path: readonly PathSegment[]): string {
  return path.reduce<string>((out, seg) => (typeof seg === 'number' ? `${out}[${seg}]` : out === '' ? seg : `${out}.${seg}`), '');
}

function decodePointer(pointer: string, value: unknown): PathSegment[] {
  if (pointer === '') return [];
  const out: PathSegment[] = [];
  let node: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    out.push(Array.isArray(node) ? Number(segment) : segment);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return out;
}

/** What is wrong, in the words of the test file, and the path it is about when that is deeper than the failing node (an unknown key). */
function describe(error: ErrorObject, allowed: readonly string[]): { message: string; key?: string } {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': return { message: `missing required field '${String(params['missingProperty'])}'` };
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      return { message: `unknown field '${name}'; expected one of: ${allowed.join(', ')}`, key: name };
    }
    case 'type': return { message: `must be ${String(params['type']).split(',').map((t) => YAML_TYPES[t] ?? t).join(' or ')}` };
    case 'minLength': return { message: 'must not be empty' };
    case 'minItems': return { message: 'must not be an empty list' };
    default: return { message: error.message ?? `fails ${error.keyword}` };
  }
}


/** Check a parsed test file against the schema; every failure becomes a problem at the offending node. */
export function schemaProblems(doc: YamlDocument, file: string): TestProblem[] {
  if (validate(doc.value)) return [];
  const seen = new Set<string>();
  const problems: TestProblem[] = [];
  for (const error of validate.errors ?? []) {
    const path = decodePointer(error.instancePath, doc.value);
    const { message, key } = describe(error, Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {}));
    const full = key === undefined ? path : [...path, key];
    const id = `${formatPath(full)}|${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    problems.push({ code: 'schema', file, path: formatPath(full), message, ...doc.locate(full, { key: key !== undefined }) });
  }
  return problems;
}
