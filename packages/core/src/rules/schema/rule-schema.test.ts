import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { ruleJsonSchema } from './rule-schema.js';

describe('the rule JSON Schema', () => {
  // validate-shape.ts compiles it without checking it (meta: false): this is that check.
  it('is a valid JSON Schema (draft-07 meta-schema, strict mode)', () => {
    const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
    ajv.addKeyword('x-message');
    expect(ajv.validateSchema(ruleJsonSchema), JSON.stringify(ajv.errors)).toBe(true);
    expect(() => ajv.compile(ruleJsonSchema)).not.toThrow();
  });

  it('fails the check when broken, so the check can fail', () => {
    const ajv = new Ajv({ strict: true });
    expect(ajv.validateSchema({ ...ruleJsonSchema, type: 'no-such-type' })).toBe(false);
  });
});
