import { readFile } from 'node:fs/promises';
import { type Explanation, MessageError, createEngine, parseMessage } from '@accolade/core';
import type { CliIo } from '../io/cli-io.js';
import { UsageError } from '../io/cli-io.js';
import { openJsonLines, readMessages } from '../io/input-files.js';
import { assertReadable } from '../io/read-lines.js';
import { type PresetCliOptions, presetFromOptions } from '../io/preset.js';
import { loadRulesForRun } from '../io/rule-set.js';
import { storesFor } from '../io/run-stores.js';
import { logEngineEvent } from './replay.js';

function renderExplanation(e: Explanation): string {
  const out: string[] = [`message ${e.messageId} on ${e.topic}: ${e.rules.length} of ${e.rulesChecked} candidate rules triggered`];
  for (const rule of e.rules) {
    out.push('', `${rule.badgeId} (${rule.file})`);
    out.push(`  recipients: ${JSON.stringify(rule.recipients)}`);
    if (rule.error) out.push(`  stopped: ${rule.error}`);
    if (rule.candidates.length === 0 && !rule.error) out.push('  no candidates');
    for (const c of rule.candidates) {
      if (c.dropped) { out.push(`  ${c.user}: dropped, ${c.dropped}`); continue; }
      out.push(`  ${c.user}:`);
      if (c.query) out.push(`    query: ${JSON.stringify(c.query)}`);
      if (c.value !== undefined) out.push(`    value: ${JSON.stringify(c.value)}`);
      if (c.error) out.push(`    error: ${c.error}`);
      if (c.condition) out.push(`    condition: ${c.condition.description} -> ${c.condition.passed ? 'true' : 'false'}`);
      out.push(`    ${c.awarded ? 'AWARDED' : 'not awarded'}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export async function explain(messageFile: string, options: { rules: string[]; history?: string; format: 'text' | 'json'; verbose?: boolean; store?: string } & PresetCliOptions, io: CliIo): Promise<number> {
  await assertReadable(messageFile, 'message');
  if (options.history !== undefined) await assertReadable(options.history, 'history');
  const preset = await presetFromOptions(options, io);
  const rules = await loadRulesForRun(options.rules, io);
  let message;
  try {
    message = parseMessage(await readFile(messageFile, 'utf8'), preset.schemas ? { schemas: preset.schemas } : {});
  } catch (error) {
    if (error instanceof MessageError) throw new UsageError(`${messageFile}: ${error.message}`);
    throw error;
  }
  const provider = await storesFor(options.store, { freshSchemaPerRun: false });
  try {
    const stores = await provider.open({ badges: rules.map((r) => r.badge) });
    try {
      if (options.history !== undefined) for await (const m of readMessages(await openJsonLines(options.history, 'history', io, 'explain'), io, preset.schemas)) await stores.history.add(m);
      const engine = createEngine({
        rules, history: stores.history, awards: stores.awards, ...(preset.users ? { users: preset.users } : {}),
        options: { skipUsers: preset.skipUsers, recordMessages: true, logger: logEngineEvent(io, options.verbose ?? true) },
      });
      const explanation = await engine.explain(message);
      io.stdout(options.format === 'json' ? `${JSON.stringify(explanation)}\n` : renderExplanation(explanation));
    } finally {
      await stores.close();
    }
  } finally {
    await provider.close();
  }
  return 0;
}
