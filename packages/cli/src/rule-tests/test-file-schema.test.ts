import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseYaml } from '@accolade/core';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { TEST_FILE } from './find-test-files.js';
import { readTestFile } from './test-file.js';

const FIXTURES = fileURLToPath(new URL('../../../../test/fixtures/rule-tests/', import.meta.url));
// The file as shipped, read as a user of @accolade/cli/test-file.schema.json would, with an Ajv of the test's own.
const SCHEMA = JSON.parse(readFileSync(fileURLToPath(new URL('../../test-file.schema.json', import.meta.url)), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(SCHEMA);

const testFiles = (dir: string): string[] => readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
  e.isDirectory() ? testFiles(join(dir, e.name)) : TEST_FILE.test(e.name) ? [join(dir, e.name)] : []);

/** The value of a test file that parses as YAML, else undefined. */
function valueOf(source: string): { value: unknown } | undefined {
  const parsed = parseYaml(source, 'x.test.yml');
  return parsed.ok && parsed.documents.length === 1 ? { value: parsed.documents[0]!.value } : undefined;
}

describe('test-file.schema.json', () => {
  const files = testFiles(FIXTURES);

  it('is met by every fixture test file the loader accepts, and by none it rejects for its fields', () => {
    expect(files.length).toBeGreaterThan(5);
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const parsed = valueOf(source);
      const loaded = readTestFile(source, file);
      const name = relative(FIXTURES, file);
      if (parsed === undefined) {
        expect(loaded.ok, name).toBe(false);
        continue;
      }
      // Not a test file at all (no document, two of them): nothing for the schema to say.
      if (!loaded.ok && !loaded.problems.some((p) => p.code === 'schema')) continue;
      expect({ name, schemaOk: validate(parsed.value) }).toEqual({ name, schemaOk: loaded.ok });
    }
  });

  it('accepts the documented example and rejects a test file with bad fields, as the loader does', () => {
    expect(validate(valueOf(readFileSync(join(FIXTURES, 'commenter.test.yml'), 'utf8'))!.value)).toBe(true);
    expect(validate(valueOf(readFileSync(join(FIXTURES, 'invalid/fields.test.yml'), 'utf8'))!.value)).toBe(false);
    expect(validate.errors?.map((e) => e.instancePath)).toEqual(expect.arrayContaining(['/cases/0', '/cases/0/awards/0', '/cases/0/awards/1', '/cases/0/skip_users']));
  });

  // Shapes the loader must turn down, each with the schema's verdict beside it: the two cannot disagree.
  const BAD: Array<[string, string]> = [
    ['no rules', 'cases: [{messages: []}]\n'],
    ['no cases', 'rules: r\ncases: []\n'],
    ['rules a number', 'rules: 3\ncases: [{}]\n'],
    ['an empty rules list', 'rules: []\ncases: [{}]\n'],
    ['an unknown top-level field', 'rules: r\ncases: [{}]\nrule: x\n'],
    ['a case that is a list', 'rules: r\ncases: [[]]\n'],
    ['a message that is a string', 'rules: r\ncases: [{messages: [hello]}]\n'],
    ['an award without a badge id', 'rules: r\ncases: [{awards: [{user: ralph}]}]\n'],
    ['an existing award with a message id', 'rules: r\ncases: [{existing_awards: [{badge_id: b, user: u, message_id: m}]}]\n'],
    ['users a mapping', 'rules: r\ncases: [{users: {ralph: 1}}]\n'],
  ];
  it.each(BAD)('rejects %s, in the loader and in the schema', (_what, source) => {
    const loaded = readTestFile(source, '/repo/x.test.yml', 'x.test.yml');
    expect(loaded.ok).toBe(false);
    if (!loaded.ok) for (const p of loaded.problems) expect(p).toMatchObject({ code: 'schema', file: 'x.test.yml', line: expect.any(Number), column: expect.any(Number) });
    expect(validate(valueOf(source)!.value)).toBe(false);
  });

  it('accepts the short forms the docs show: one string for a list of paths or names', () => {
    const source = 'rules: r\nhistory: h.jsonl\ncases:\n  - users: ralph\n    skip_users: bot\n';
    expect(validate(valueOf(source)!.value)).toBe(true);
    const loaded = readTestFile(source, '/repo/x.test.yml');
    expect(loaded.ok && loaded.testFile.cases[0]).toMatchObject({ name: 'case 1', users: ['ralph'], skipUsers: ['bot'], messages: [], awards: [] });
    expect(loaded.ok && loaded.testFile.rules).toEqual(['/repo/r']);
  });
});
