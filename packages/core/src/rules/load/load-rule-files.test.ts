import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ruleYaml } from '../../testing/helpers.js';
import { RuleError } from '../rule-issue.js';
import { findRuleFiles } from './find-rule-files.js';
import { loadRuleFiles, loadRules } from './load-rule-files.js';

let dir: string;
beforeEach(async () => { dir = await mkdtemp(join(tmpdir(), 'accolade-rules-')); });
afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

async function put(path: string, text: string | Buffer): Promise<string> {
  const full = join(dir, path);
  await mkdir(join(full, '..'), { recursive: true });
  await writeFile(full, text);
  return full;
}

const rule = (name: string): string => ruleYaml(name, 'trigger:\n  topic: a\n');

describe('finding rule files in a folder', () => {
  it('passes over hidden entries, node_modules and rule tests', async () => {
    await put('badges/one.yml', rule('One'));
    await put('badges/two.yaml', rule('Two'));
    await put('.github/workflows/ci.yml', 'on: push\njobs: {}\n');
    await put('.hidden.yml', rule('Hidden'));
    await put('node_modules/pkg/config.yml', 'x: 1\n');
    await put('badges/one.test.yml', 'rules: one.yml\ncases: []\n');
    await put('badges/two.test.YAML', 'rules: two.yaml\ncases: []\n');
    const { files, issues } = await findRuleFiles([dir]);
    expect(files).toEqual([join(dir, 'badges/one.yml'), join(dir, 'badges/two.yaml')]);
    expect(issues).toEqual([]);
  });

  it('reads a file named explicitly, whatever its name', async () => {
    const hidden = await put('.github/rule.yml', rule('Hidden'));
    const test = await put('x.test.yml', rule('Test'));
    expect((await findRuleFiles([hidden, test])).files).toEqual([hidden, test]);
  });

  it('reports a path that does not exist', async () => {
    const { issues } = await findRuleFiles([join(dir, 'nope')]);
    expect(issues).toEqual([expect.objectContaining({ code: 'unreadable', file: join(dir, 'nope'), message: 'no such file or folder' })]);
  });
});

describe('loading a rule set', () => {
  it('says that a folder holding no rule files holds none', async () => {
    await put('rules/only.test.yml', 'rules: .\ncases: []\n');
    await put('rules/.github/ci.yml', 'on: push\n');
    const { rules, issues } = await loadRuleFiles([join(dir, 'rules')]);
    expect(rules).toEqual([]);
    expect(issues).toEqual([expect.objectContaining({ code: 'no-rules', severity: 'error', file: join(dir, 'rules') })]);
    expect(issues[0]!.message).toMatch(/holds no rule files/);
  });

  it('throws no-rules for an empty folder and for no paths at all', async () => {
    await mkdir(join(dir, 'empty'));
    await expect(loadRules([join(dir, 'empty')])).rejects.toMatchObject({ code: 'no-rules', file: join(dir, 'empty') });
    const error = await loadRules([]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RuleError);
    expect(error).toMatchObject({ code: 'no-rules', message: expect.stringContaining('no rule files or folders were given') });
  });

  it('keeps invalid-rules when a rule is broken, even beside an empty folder', async () => {
    await mkdir(join(dir, 'empty'));
    await put('rules/bad.yml', 'name: [x\n');
    await expect(loadRules([join(dir, 'empty'), join(dir, 'rules')])).rejects.toMatchObject({ code: 'invalid-rules' });
  });

  it('reports a binary file as not-text, naming it, not as a YAML error', async () => {
    const png = await put('rules/badge.yml', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0xff, 0xfe, 0x80]));
    const nul = await put('rules/nul.yml', Buffer.from('name: a\0b\n'));
    const { issues } = await loadRuleFiles([join(dir, 'rules')]);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'not-text', file: png, line: 1, column: 1, message: 'this is not a text file (it is not valid UTF-8)' }),
      expect.objectContaining({ code: 'not-text', file: nul, line: 1, column: 1, message: 'this is not a text file (it contains NUL bytes)' }),
    ]);
  });
});
