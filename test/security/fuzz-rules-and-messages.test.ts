import { MessageError, createEngine, MemoryAwardStore, MemoryHistoryStore, loadRuleSource, parseMessage } from '@accolade/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_RUNS, FUZZ_SEED } from './fuzz-config.js';
import { prototypeSnapshot } from './hostile-corpus.js';

const VALID = `name: Fuzz target
description: d
creator: c
discussion: https://example.org
image_url: https://example.org/i.png
trigger:
  all:
    - topic: bodhi.update.comment
    - lambda: message.body["comment"]["karma"] > 0
previous:
  filter:
    topics: [message.topic]
    users:
      - recipient
  operation:
    lambda: len(set(r.msg["update"]["title"] for r in results))
condition:
  greater than or equal to: 3
recipient: message.body["comment"]["user"]["name"]
`;

function checkIssues(source: string): void {
  const { rule, issues } = loadRuleSource(source, 'fuzz.yml');
  for (const issue of issues) {
    expect(issue.file).toBe('fuzz.yml');
    expect(issue.line).toBeGreaterThanOrEqual(1);
    expect(issue.column).toBeGreaterThanOrEqual(1);
    expect(issue.message.length).toBeGreaterThan(0);
  }
  if (rule !== null) expect(issues.filter((i) => i.severity === 'error')).toEqual([]);
  else expect(issues.some((i) => i.severity === 'error')).toBe(true);
}

/** Random rule-shaped documents: the right keys, often the wrong types. */
const ruleLike = fc.record({
  name: fc.oneof(fc.string(), fc.jsonValue()),
  description: fc.oneof(fc.string(), fc.jsonValue()),
  creator: fc.string(),
  discussion: fc.string(),
  image_url: fc.string(),
  trigger: fc.oneof(fc.jsonValue(), fc.record({ topic: fc.jsonValue() }), fc.record({ lambda: fc.string() }), fc.record({ all: fc.array(fc.jsonValue()) })),
  previous: fc.oneof(fc.jsonValue(), fc.record({ filter: fc.dictionary(fc.constantFrom('users', 'topics', 'contains', 'start', 'rows_per_page', 'bogus'), fc.jsonValue()), operation: fc.jsonValue() })),
  condition: fc.oneof(fc.jsonValue(), fc.dictionary(fc.constantFrom('greater than', 'lambda', 'equal to', 'at least'), fc.jsonValue())),
  recipient: fc.jsonValue(),
}, { requiredKeys: [] });

describe('fuzzing the rule loader', () => {
  it(`reports any text as issues with positions, never throws (${FUZZ_RUNS} runs)`, () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (text) => checkIssues(text)), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  });

  it(`handles random YAML-shaped documents (${FUZZ_RUNS} runs)`, () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => checkIssues(JSON.stringify(value))), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  });

  it(`handles rule-shaped documents with wrong types everywhere (${FUZZ_RUNS} runs)`, () => {
    fc.assert(fc.property(ruleLike, (value) => checkIssues(JSON.stringify(value))), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  });

  it(`handles a valid rule with random edits (${FUZZ_RUNS} runs)`, () => {
    const edit = fc.record({ at: fc.nat({ max: VALID.length }), cut: fc.nat({ max: 5 }), text: fc.string({ maxLength: 6 }) });
    fc.assert(fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      let source = VALID;
      for (const { at, cut, text } of edits) source = source.slice(0, at) + text + source.slice(at + cut);
      checkIssues(source);
    }), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  });
});

describe('fuzzing message parsing', () => {
  it(`reads any text as a message or a MessageError (${FUZZ_RUNS} runs)`, () => {
    fc.assert(fc.property(fc.oneof(fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), (text) => {
      try {
        parseMessage(text);
      } catch (error) {
        expect(error).toBeInstanceOf(MessageError);
      }
    }), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
  });

  it(`runs message-shaped JSON through the engine: never an untyped error, no prototype changes (${FUZZ_RUNS} runs)`, async () => {
    const before = prototypeSnapshot();
    const engine = createEngine({ rules: [loadRuleSource(VALID, 'fuzz.yml').rule!], history: new MemoryHistoryStore(), awards: new MemoryAwardStore() });
    const message = fc.record({
      id: fc.oneof(fc.uuid(), fc.jsonValue()),
      topic: fc.oneof(fc.constant('org.fedoraproject.prod.bodhi.update.comment'), fc.string(), fc.jsonValue()),
      body: fc.oneof(fc.jsonValue(), fc.record({ comment: fc.record({ karma: fc.jsonValue(), user: fc.record({ name: fc.jsonValue() }) }), update: fc.jsonValue() })),
      headers: fc.oneof(fc.dictionary(fc.string(), fc.jsonValue()), fc.jsonValue()),
      agent_name: fc.jsonValue(),
      usernames: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
      timestamp: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()),
      __proto__: fc.jsonValue(),
    }, { requiredKeys: ['topic'] });
    await fc.assert(fc.asyncProperty(message, async (m) => {
      const text = JSON.stringify(m);
      let parsed;
      try {
        parsed = parseMessage(text);
      } catch (error) {
        expect(error).toBeInstanceOf(MessageError);
        return;
      }
      await engine.process(parsed);
    }), { numRuns: FUZZ_RUNS, seed: FUZZ_SEED });
    expect(prototypeSnapshot()).toBe(before);
  });
});
