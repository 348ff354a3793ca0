import { Ajv, type ErrorObject } from 'ajv';
import type { RuleIssue } from '../rule-issue.js';
import { formatPath } from '../rule-issue.js';
import type { PathSegment, YamlDocument } from '../yaml/yaml-document.js';
import { ruleJsonSchema } from './rule-schema.js';

// The schema is ours and fixed, and rule-schema.test.ts checks it against the meta-schema: compiling that
// meta-schema and checking against it again on every start-up was a third of the compile's time.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, meta: false, validateSchema: false });
ajv.addKeyword('x-message');
const validate = ajv.compile(ruleJsonSchema);

const YAML_TYPES: Record<string, string> = { object: 'a mapping', array: 'a list', string: 'a string', number: 'a number', boolean: 'true or false', integer: 'an integer', null: 'empty' };

function decodePointer(pointer: string, value: unknown): PathSegment[] {
  if (pointer === '') return [];
  const out: PathSegment[] = [];
  let node: unknown = value;
  for (const raw of pointer.slice(1).split('/')) {
    const segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const asIndex = Array.isArray(node) ? Number(segment) : Number.NaN;
    out.push(Number.isInteger(asIndex) ? asIndex : segment);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[segment] : undefined;
  }
  return out;
}

function describe(error: ErrorObject): { message: string; extra?: PathSegment; atKey?: boolean } {
  const params = error.params as Record<string, unknown>;
  const props = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
  switch (error.keyword) {
    case 'required': return { message: `missing required field '${String(params['missingProperty'])}'` };
    case 'additionalProperties': {
      const name = String(params['additionalProperty']);
      return { message: `unknown field '${name}'; expected one of: ${props.join(', ')}`, extra: name, atKey: true };
    }
    case 'type': {
      const types = String(params['type']).split(',').map((t) => YAML_TYPES[t] ?? t);
      return { message: `must be ${types.join(' or ')}` };
    }
    case 'minProperties': case 'maxProperties': {
      const count = Object.keys(error.data as object).length;
      return { message: count === 0 ? `must have one of: ${props.join(', ')}` : `has ${count} keys (${Object.keys(error.data as object).join(', ')}); it takes exactly one of: ${props.join(', ')}${props.includes('all') ? ' (combine several with all: [...])' : ''}` };
    }
    case 'minLength': return { message: 'must not be empty' };
    case 'minItems': return { message: 'must not be an empty list' };
    case 'const': return { message: `must be ${JSON.stringify(params['allowedValue'])}` };
    case 'enum': return { message: `must be one of: ${(params['allowedValues'] as unknown[]).map(String).join(', ')}` };
    default: return { message: error.message ?? `fails ${error.keyword}` };
  }
}

/**
 * Check a rule's shape against the JSON Schema and turn every failure into
 * an issue at the offending node. A failed `oneOf` reports its own message
 * instead of one complaint per alternative.
 */
export function validateShape(doc: YamlDocument, file: string): RuleIssue[] {
  if (validate(doc.value)) return [];
  const errors = validate.errors ?? [];
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  // An alternative's own complaint about the value the oneOf is about (also when the alternative is a $ref) says less than the oneOf.
  const kept = errors.filter((e) => e.keyword === 'oneOf' || !oneOfs.some((o) => e.instancePath === o.instancePath || (e.schemaPath.startsWith(`${o.schemaPath.slice(0, -'/oneOf'.length)}/oneOf/`) && e.instancePath.startsWith(o.instancePath))));
  // Of nested alternatives, the innermost failure says the most.
  const innermost = kept.filter((e) => e.keyword !== 'oneOf' || !kept.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`)));
  const seen = new Set<string>();
  const issues: RuleIssue[] = [];
  for (const error of innermost) {
    const path = decodePointer(error.instancePath, doc.value);
    const { message, extra, atKey } = error.keyword === 'oneOf'
      ? { message: String((error.parentSchema as Record<string, unknown> | undefined)?.['x-message'] ?? 'has the wrong shape') }
      : describe(error);
    const fullPath = extra === undefined ? path : [...path, extra];
    const key = `${formatPath(fullPath)}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({ code: 'schema', severity: 'error', file, path: formatPath(fullPath), message, ...doc.locate(fullPath, { key: atKey ?? false }) });
  }
  return issues;
}
