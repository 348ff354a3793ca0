import { describe, expect, it } from 'vitest';
import { seriesEngineConfig, seriesStream } from '../testing/series-rules.js';
import { type Engine, createEngine, createReferenceEngine } from './engine.js';
import type { EngineEvent } from './engine-events.js';

function engines(): Array<{ engine: Engine; events: EngineEvent[] }> {
  return [createEngine, createReferenceEngine].map((create) => {
    const events: EngineEvent[] = [];
    return { engine: create(seriesEngineConfig(events)), events };
  });
}

const eventText = (e: EngineEvent): string => `${e.messageId} ${e.badgeId} ${e.kind} ${e.file}:${e.line}:${e.column} ${e.path} ${e.recipient ?? '-'} ${e.text}`;

describe('the engine against the reference engine (every trigger, expressions from the tree, nothing shared)', () => {
  it('gives the same awards, in the same order, with the same failures reported against every rule', async () => {
    const [fast, reference] = engines();
    const messages = seriesStream(400);
    const awards: string[][] = [[], []];
    for (const m of messages) {
      for (const [i, { engine }] of [fast!, reference!].entries()) {
        for (const a of await engine.process(m)) awards[i]!.push(`${a.badgeId} ${a.user} ${a.messageId}`);
      }
    }
    expect(awards[0]!.length).toBeGreaterThan(20);
    expect(awards[0]).toEqual(awards[1]);
    const { failuresByRule: fastFailures, ...fastStats } = fast!.engine.stats;
    const { failuresByRule: refFailures, ...refStats } = reference!.engine.stats;
    expect(fastStats).toEqual(refStats);
    expect(fastStats.keyErrors).toBeGreaterThan(0);
    expect(fastStats.expressionErrors).toBeGreaterThan(0);
    expect(new Map([...fastFailures].sort())).toEqual(new Map([...refFailures].sort()));
    // Both series members report a recipient KeyError, each at its own file.
    const ownerErrors = fast!.events.filter((e) => e.kind === 'key-error' && e.path === 'recipient' && e.badgeId.startsWith('owner'));
    expect(new Set(ownerErrors.map((e) => e.file))).toEqual(new Set(['rules/r04.yml', 'rules/r05.yml']));
    expect(fast!.events.map(eventText).sort()).toEqual(reference!.events.map(eventText).sort());
  });

  it('explains a message the same way', async () => {
    const [fast, reference] = engines();
    for (const m of seriesStream(120)) {
      const [a, b] = [await fast!.engine.explain(m), await reference!.engine.explain(m)];
      expect({ ...a, rulesChecked: 0 }).toEqual({ ...b, rulesChecked: 0 });
      expect(a.rulesChecked).toBeLessThanOrEqual(b.rulesChecked);
    }
  });
});
