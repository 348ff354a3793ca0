import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ExpressionError, MemoryAwardStore, MemoryHistoryStore, compileExpression, createEngine, createMessage, loadRuleSource,
  messageBindings, pythonJsonDumps,
} from '@accolade/core';
import { main } from '@accolade/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../acceptance/run-cli.js';
import { HOSTILE, type HostileCase, expand, prototypeSnapshot, sourceOf, varsOf } from './hostile-corpus.js';

const MESSAGE = { id: 'm1', topic: 'org.fedoraproject.prod.a.b', body: { x: 1 }, timestamp: 0, agent_name: 'tester' };
const bindings = messageBindings(createMessage(MESSAGE));

let before: string;
/** The message every case runs against through `accolade eval`, written once. */
let dir = '';
let messageFile = '';
beforeAll(() => {
  before = prototypeSnapshot();
  dir = mkdtempSync(join(tmpdir(), 'accolade-hostile-'));
  messageFile = join(dir, 'message.json');
  writeFileSync(messageFile, JSON.stringify(MESSAGE));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  expect(prototypeSnapshot()).toBe(before);
  expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
});

type Outcome = { kind: HostileCase['expect']; value?: unknown; error?: ExpressionError };

function evaluateInProcess(c: HostileCase): Outcome {
  const vars = { ...bindings, ...varsOf(c) };
  let compiled;
  try {
    compiled = compileExpression(sourceOf(c), { globals: Object.keys(vars) });
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    return { kind: 'compile-error', error: error as ExpressionError };
  }
  try {
    return { kind: 'value', value: compiled.evaluate(vars) };
  } catch (error) {
    expect(error).toBeInstanceOf(ExpressionError);
    const e = error as ExpressionError;
    return { kind: e.code === 'limit' ? 'limit' : 'error', error: e };
  }
}

describe(`hostile expressions (${HOSTILE.length} known techniques) end in a typed error or a harmless value`, () => {
  it.each(HOSTILE.map((c) => [c.id, c] as const))('%s, evaluated in process', (_id, c) => {
    const outcome = evaluateInProcess(c);
    expect(outcome.kind, outcome.error?.message).toBe(c.expect);
    if (c.expect === 'value') expect(JSON.parse(pythonJsonDumps(outcome.value))).toEqual(expand(c.value));
  });

  it.each(HOSTILE.map((c) => [c.id, c] as const))('%s, through accolade eval', async (_id, c) => {
    let stdout = '';
    let stderr = '';
    const io = { stdout: (t: string) => { stdout += t; }, stderr: (t: string) => { stderr += t; }, stderrIsTty: false };
    const varArgs = Object.entries(c.vars ?? {}).flatMap(([k, v]) => ['--var', `${k}=${JSON.stringify(expand(v))}`]);
    const code = await main(['eval', '--message', messageFile, ...varArgs, '--', sourceOf(c)], io);
    if (c.expect === 'value') {
      expect([code, stderr]).toEqual([0, '']);
      expect(JSON.parse(stdout)).toEqual(expand(c.value));
    } else {
      expect(code).toBe(1);
      expect(stdout).toBe('');
      expect(stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(stderr).not.toMatch(/\n\s+at |internal error/);
    }
  });

  it('as trigger lambdas: a hostile rule is refused at load or fails alone, and the other rules keep working', async () => {
    const rules = [];
    const refused: string[] = [];
    const yaml = (name: string, lambda: string): string =>
      `name: ${name}\ndescription: d\ncreator: c\ndiscussion: u\nimage_url: i\ntrigger:\n  lambda: |-\n    ${lambda}\n`;
    for (const c of HOSTILE.filter((h) => !h.vars)) {
      const { rule, issues } = loadRuleSource(yaml(`Hostile ${c.id}`, sourceOf(c)), `${c.id}.yml`);
      if (c.expect === 'compile-error') {
        expect(rule, c.id).toBeNull();
        expect(issues[0]).toMatchObject({ file: `${c.id}.yml`, severity: 'error' });
        expect(issues[0]!.line).toBeGreaterThanOrEqual(1);
        refused.push(c.id);
      } else {
        expect(issues, c.id).toEqual([]);
        rules.push(rule!);
      }
    }
    rules.push(loadRuleSource(yaml('Healthy', 'True'), 'healthy.yml').rule!);
    const engine = createEngine({ rules, history: new MemoryHistoryStore(), awards: new MemoryAwardStore() });
    const awards = await engine.process(createMessage(MESSAGE));
    expect(awards.map((a) => a.badgeId)).toContain('healthy');
    const failing = HOSTILE.filter((h) => !h.vars && (h.expect === 'error' || h.expect === 'limit'));
    const failed = [...engine.stats.failuresByRule.keys()].length + engine.stats.keyErrors;
    expect(failed).toBe(failing.length);
    expect(refused.length).toBe(HOSTILE.filter((h) => !h.vars && h.expect === 'compile-error').length);
  });
});

describe('values too large to describe', () => {
  it('a rule whose values share one list many times is reported in a few lines, and the other rules award', async () => {
    const rule = (name: string, body: string): string =>
      `name: ${name}\ndescription: d\ncreator: c\ndiscussion: u\nimage_url: i\ntrigger:\n  topic: a.b\n${body}`;
    const DAG = '"[[[[0] * 100] * 100] * 100] * 100"';
    const sources = [
      rule('Shared recipient', `recipient: ${DAG}\n`),
      rule('Shared count', `previous:\n  filter:\n    topics: [message.topic]\n  operation:\n    lambda: ${DAG}\ncondition:\n  greater than: 1\nrecipient: message.agent_name\n`),
      rule('Healthy', 'recipient: message.agent_name\n'),
    ];
    const events: string[] = [];
    const engine = createEngine({
      rules: sources.map((source, i) => loadRuleSource(source, `r${i}.yml`).rule!),
      history: new MemoryHistoryStore(),
      awards: new MemoryAwardStore(),
      options: { logger: (e) => events.push(e.text) },
    });
    // No wall-clock bound (a busy machine is slow, not wrong): a description that never ends is caught by the test's timeout.
    const awards = await engine.process(createMessage(MESSAGE));
    expect(awards.map((a) => a.badgeId)).toEqual(['healthy']);
    expect(events.length).toBeGreaterThan(0);
    for (const text of events) expect(text.length).toBeLessThan(200_000);
  });
});

describe('the real binary', () => {
  it.each([
    ['().__class__.__bases__[0].__subclasses__()', "attribute '__class__' is not accessible in rule expressions (at column 4)"],
    ['-(2**53) * 4', 'limit reached: integer result exceeds 9007199254740991 (at column 4)'],
    ["constructor.constructor('return process')()", "'constructor' is not available in rule expressions (at column 1)"],
    ["__import__('os').system('id')", "'__import__' is not available in rule expressions (at column 1)"],
    ["'a' * 10**9", 'limit reached: a string of 1000000000 characters exceeds the limit of 1000000 (at column 5)'],
    ['sum(range(10**12))', 'limit reached: evaluation took more than 1000000 steps (at column 1)'],
    ["'{0.__class__}'.format(1)", "KeyError: '0.__class__' (at column 17)"],
    ['[[[[0] * 100] * 100] * 100] * 100', 'limit reached: the result is too large to print (more than 10000000 characters of JSON)'],
  ])('%s fails cleanly', async (expression, line) => {
    const { code, stdout, stderr } = await runCli(['eval', '--', expression]);
    expect([code, stdout, stderr]).toEqual([1, '', `${line}\n`]);
  });
});
