import { createRequire } from 'node:module';

/**
 * The JSON Schema of a rule file, as shipped in `@accolade/core/rule.schema.json`
 * for editors (the YAML language server reads it).
 */
export const ruleJsonSchema: Readonly<Record<string, unknown>> = createRequire(import.meta.url)('../../../rule.schema.json') as Record<string, unknown>;
