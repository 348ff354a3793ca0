import { readFile, readdir, stat } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { type Message, formatIssue, loadRuleFiles } from '@accolade/core';
import type { CliIo } from '../io/cli-io.js';
import { UsageError } from '../io/cli-io.js';
import { readMessages } from '../io/input-files.js';
import { type PresetCliOptions, type PresetSetup, presetFromOptions } from '../io/preset.js';
import { type StoreProvider, storesFor } from '../io/run-stores.js';
import { describeAward, runCase } from '../rule-tests/run-case.js';
import { TestFileError, readTestFile } from '../rule-tests/test-file.js';

const TEST_FILE = /\.test\.ya?ml$/i;

async function findTestFiles(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (TEST_FILE.test(entry.name)) found.push(full);
    }
  };
  for (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch {
      throw new UsageError(`cannot read tests '${path}'`);
    }
    if (info.isDirectory()) await walk(path);
    else found.push(path);
  }
  return [...new Set(found)].sort();
}

/** Run rule test files: one line per case, then `N passed, N failed`; exit 1 when any case fails. */
export interface TestOptions extends PresetCliOptions {
  store?: string;
}

export async function testCommand(paths: string[], io: CliIo, options: TestOptions = {}): Promise<number> {
  const preset = await presetFromOptions(options, io);
  const files = await findTestFiles(paths);
  if (files.length === 0) throw new UsageError('no test files found (tests are named *.test.yml)');
  // With --store every case runs on a schema of its own in that database, dropped afterwards.
  const provider = await storesFor(options.store, { freshSchemaPerRun: true });
  try {
    return await runFiles(files, io, provider, preset);
  } finally {
    await provider.close();
  }
}

async function runFiles(files: string[], io: CliIo, provider: StoreProvider, preset: PresetSetup): Promise<number> {
  let passed = 0;
  let failed = 0;
  for (const file of files) {
    const shown = relative(process.cwd(), file) || file;
    let spec;
    try {
      spec = readTestFile(await readFile(file, 'utf8'), file);
    } catch (error) {
      if (!(error instanceof TestFileError)) throw error;
      io.stdout(`FAIL ${shown}: ${error.message}\n`);
      failed++;
      continue;
    }
    const { rules, issues } = await loadRuleFiles(spec.rules);
    const errors = issues.filter((i) => i.severity === 'error');
    if (errors.length > 0) {
      io.stdout(`FAIL ${shown}: the rules under test are invalid\n`);
      for (const issue of errors) io.stdout(`  ${formatIssue(issue)}\n`);
      failed += spec.cases.length;
      continue;
    }
    const shared: Message[] = [];
    for (const h of spec.historyFiles) for await (const m of readMessages(h, io, preset.schemas)) shared.push(m);
    for (const testCase of spec.cases) {
      const result = await runCase(rules, shared, testCase, provider, preset);
      io.stdout(`${result.passed ? 'PASS' : 'FAIL'} ${shown}:${testCase.line}: ${testCase.name}\n`);
      for (const a of result.missing) io.stdout(`  expected, not awarded: ${describeAward(a)}\n`);
      for (const a of result.unexpected) io.stdout(`  awarded, not expected: ${describeAward(a)}${a.messageId ? ` (message ${a.messageId})` : ''}\n`);
      for (const p of result.problems) io.stdout(`  problem: ${p}\n`);
      if (result.passed) passed++;
      else failed++;
    }
  }
  io.stdout(`${passed} passed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}
