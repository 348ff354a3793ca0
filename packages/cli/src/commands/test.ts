import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { type CompiledRule, type Message, type RuleIssue, formatIssue, loadRuleFiles } from '@accolade/core';
import type { CliIo } from '../io/cli-io.js';
import { UsageError } from '../io/cli-io.js';
import { readMessages } from '../io/input-files.js';
import { type PresetCliOptions, type PresetSetup, presetFromOptions } from '../io/preset.js';
import { assertReadable } from '../io/read-lines.js';
import { isPathProblem } from '../io/rule-set.js';
import { type StoreProvider, storesFor } from '../io/run-stores.js';
import { findTestFiles } from '../rule-tests/find-test-files.js';
import { jsonReporter } from '../rule-tests/report/json-reporter.js';
import { junitReporter } from '../rule-tests/report/junit-reporter.js';
import type { TestReporter } from '../rule-tests/report/reporter.js';
import { textReporter } from '../rule-tests/report/text-reporter.js';
import { runCase, shownPath } from '../rule-tests/run-case.js';
import { type RuleTestFile, readTestFile } from '../rule-tests/test-file.js';
import type { TestProblem } from '../rule-tests/test-problem.js';

import type { TestFormat } from './test-formats.js';

export { TEST_FORMATS, type TestFormat } from './test-formats.js';

export interface TestOptions extends PresetCliOptions {
  store?: string;
  format?: TestFormat;
}

const REPORTERS: Record<TestFormat, (write: (text: string) => void) => TestReporter> = { text: textReporter, json: jsonReporter, junit: junitReporter };

/** Run rule test files: one line per case, then `N passed, N failed` (or JSON lines, or JUnit XML); exit 1 when any case fails. */
export async function testCommand(paths: string[], io: CliIo, options: TestOptions = {}): Promise<number> {
  const preset = await presetFromOptions(options, io);
  const { files, unreadable } = await findTestFiles(paths);
  if (unreadable.length > 0) throw new UsageError(`cannot read tests '${unreadable[0]!}'`);
  if (files.length === 0) throw new UsageError('no test files found (tests are named *.test.yml or *.test.yaml)');
  // With --store every case runs on a schema of its own in that database, dropped afterwards.
  const provider = await storesFor(options.store, { freshSchemaPerRun: true });
  try {
    return await runFiles(files, io, provider, preset, REPORTERS[options.format ?? 'text']((text) => io.stdout(text)));
  } finally {
    await provider.close();
  }
}

/** A test file that was found but cannot be read (permissions) stops the run, as an unreadable input does. */
async function readSource(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' || code === 'ENOTDIR' ? 'no such file or folder' : code === 'EACCES' || code === 'EPERM' ? 'permission denied' : (error as Error).message;
    throw new UsageError(`cannot read tests '${shownPath(file)}': ${reason}`);
  }
}

/** Rules by the paths a test file names, loaded once however many test files name them. */
type RuleCache = Map<string, Promise<{ rules: CompiledRule[]; issues: RuleIssue[] }>>;

async function runFiles(files: string[], io: CliIo, provider: StoreProvider, preset: PresetSetup, reporter: TestReporter): Promise<number> {
  let passed = 0;
  let failed = 0;
  const cache: RuleCache = new Map();
  const reported = new Set<string>();
  for (const file of files) {
    const shown = shownPath(file);
    const read = readTestFile(await readSource(file), file, shown);
    if (!read.ok) {
      reporter.invalidTestFile(shown, read.problems);
      failed++;
      continue;
    }
    const spec = read.testFile;
    const loaded = await loadRules(spec, cache);
    const problems = [...loaded.pathProblems, ...await historyProblems(spec)];
    if (problems.length > 0) {
      reporter.invalidTestFile(shown, problems);
      failed++;
      continue;
    }
    if (loaded.issues.length > 0) {
      const fresh = loaded.issues.filter((i) => !reported.has(formatIssue(i)));
      for (const issue of fresh) reported.add(formatIssue(issue));
      reporter.invalidRules(shown, spec.cases, { all: loaded.issues, fresh });
      failed += spec.cases.length;
      continue;
    }
    const shared: Message[] = [];
    for (const h of spec.historyFiles) for await (const m of readMessages(shownPath(h), io, preset.schemas)) shared.push(m);
    for (const testCase of spec.cases) {
      const started = performance.now();
      const result = await runCase(loaded.rules, shared, { file: shown, testCase }, provider, preset);
      reporter.caseDone({ file: shown, testCase }, result, (performance.now() - started) / 1000);
      if (result.passed) passed++;
      else failed++;
    }
  }
  reporter.end({ passed, failed });
  return failed > 0 ? 1 : 0;
}

/**
 * The rules a test file names. A path it names that does not exist is a
 * problem of the test file, at the line naming it; rule errors are the rules'
 * own, with rule files shown as the user would open them.
 */
async function loadRules(spec: RuleTestFile, cache: RuleCache): Promise<{ rules: CompiledRule[]; issues: RuleIssue[]; pathProblems: TestProblem[] }> {
  const key = JSON.stringify(spec.rules);
  let pending = cache.get(key);
  if (pending === undefined) cache.set(key, (pending = loadRuleFiles(spec.rules)));
  const { rules, issues } = await pending;
  const errors = issues.filter((i) => i.severity === 'error');
  const pathProblems = errors.filter(isPathProblem).map((issue): TestProblem => {
    // `rules: x` and `rules: [x, y]` alike: an index into a scalar stays at the scalar.
    const index = spec.rules.indexOf(issue.file);
    const at = spec.locate(index < 0 ? ['rules'] : ['rules', index]);
    const message = issue.code === 'no-rules' ? issue.message : `cannot read '${shownPath(issue.file)}': ${issue.message}`;
    return { code: 'unreadable', file: spec.file, ...at, path: 'rules', message };
  });
  return { rules, pathProblems, issues: errors.filter((i) => !isPathProblem(i)).map((i) => ({ ...i, file: i.file === '' ? '' : shownPath(i.file) })) };
}

/** History files the test file names that cannot be read, at the line naming them. */
async function historyProblems(spec: RuleTestFile): Promise<TestProblem[]> {
  const problems: TestProblem[] = [];
  for (const [index, file] of spec.historyFiles.entries()) {
    try {
      await assertReadable(file, 'history');
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      problems.push({ code: 'unreadable', file: spec.file, ...spec.locate(['history', index]), path: 'history', message: error.message });
    }
  }
  return problems;
}
