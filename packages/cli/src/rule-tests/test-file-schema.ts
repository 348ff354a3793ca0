import { createRequire } from 'node:module';
import { type YamlDocument, locateSchemaErrors } from '@accolade/core';
import { Ajv } from 'ajv';
import type { TestProblem } from './test-problem.js';

/**
 * The JSON Schema of a rule test file, shipped as `@accolade/cli/test-file.schema.json`
 * and printed by `accolade schema --test-file`. The loader checks every test
 * file with it, so the schema and what `accolade test` accepts cannot drift apart.
 */
export const testFileJsonSchema: Readonly<Record<string, unknown>> = createRequire(import.meta.url)('../../test-file.schema.json') as Record<string, unknown>;

const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
const validate = ajv.compile(testFileJsonSchema);

/** Check a parsed test file against the schema; every failure becomes a problem at the offending node. */
export function schemaProblems(doc: YamlDocument, file: string): TestProblem[] {
  if (validate(doc.value)) return [];
  return locateSchemaErrors(validate.errors ?? [], doc).map((e) => ({ code: 'schema', file, ...e }));
}
