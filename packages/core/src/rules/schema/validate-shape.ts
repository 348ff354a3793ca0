import { Ajv } from 'ajv';
import type { RuleIssue } from '../rule-issue.js';
import type { YamlDocument } from '../yaml/yaml-document.js';
import { ruleJsonSchema } from './rule-schema.js';
import { locateSchemaErrors } from './schema-errors.js';

// The schema is ours and fixed, and rule-schema.test.ts checks it against the meta-schema: compiling that
// meta-schema and checking against it again on every start-up was a third of the compile's time.
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, meta: false, validateSchema: false });
ajv.addKeyword('x-message');
const validate = ajv.compile(ruleJsonSchema);

/**
 * Check a rule's shape against the JSON Schema and turn every failure into
 * an issue at the offending node (see locateSchemaErrors).
 */
export function validateShape(doc: YamlDocument, file: string): RuleIssue[] {
  if (validate(doc.value)) return [];
  return locateSchemaErrors(validate.errors ?? [], doc).map((e) => ({ code: 'schema', severity: 'error', file, ...e }));
}
