import { formatPath } from '../rule-issue.js';
import type { PathSegment, YamlDocument } from '../yaml/yaml-document.js';

/** The fields of an Ajv error (`allErrors` and `verbose` on) this reads; Ajv's ErrorObject has them. */
export interface SchemaError {
  readonly keyword: string;
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly params: object;
  readonly parentSchema?: unknown;
  readonly data?: unknown;
  readonly message?: string;
}

/** A schema failure in the words of the YAML file, at the node it is about. */
export interface LocatedSchemaError {
  /** The field path, e.g. `trigger.all[1]` or `cases[0].awards[1]` ('' for the whole document). */
  path: string;
  message: string;
  line: number;
  column: number;
}

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

function describe(error: SchemaError): { message: string; extra?: PathSegment; atKey?: boolean } {
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
 * Turn the failures of a JSON Schema check of a YAML document into messages
 * at the offending nodes (an unknown key at the key itself), each once. A
 * failed `oneOf` reports its own `x-message` instead of one complaint per
 * alternative. Used for rule files and for rule test files alike.
 */
export function locateSchemaErrors(errors: readonly SchemaError[], doc: YamlDocument): LocatedSchemaError[] {
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  // An alternative's own complaint about the value the oneOf is about (also when the alternative is a $ref) says less than the oneOf.
  const kept = errors.filter((e) => e.keyword === 'oneOf' || !oneOfs.some((o) => e.instancePath === o.instancePath || (e.schemaPath.startsWith(`${o.schemaPath.slice(0, -'/oneOf'.length)}/oneOf/`) && e.instancePath.startsWith(o.instancePath))));
  // Of nested alternatives, the innermost failure says the most.
  const innermost = kept.filter((e) => e.keyword !== 'oneOf' || !kept.some((o) => o !== e && o.instancePath.startsWith(`${e.instancePath}/`)));
  const seen = new Set<string>();
  const located: LocatedSchemaError[] = [];
  for (const error of innermost) {
    const path = decodePointer(error.instancePath, doc.value);
    const { message, extra, atKey } = error.keyword === 'oneOf'
      ? { message: String((error.parentSchema as Record<string, unknown> | undefined)?.['x-message'] ?? 'has the wrong shape') }
      : describe(error);
    const fullPath = extra === undefined ? path : [...path, extra];
    const key = `${formatPath(fullPath)}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    located.push({ path: formatPath(fullPath), message, ...doc.locate(fullPath, { key: atKey ?? false }) });
  }
  return located;
}
