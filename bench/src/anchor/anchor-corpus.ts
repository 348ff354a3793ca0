import { createWriteStream, mkdirSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { DEFAULT_STREAM, MessageSequence } from '../corpus/messages.js';
import { realisticRules } from '../corpus/rule-sets.js';

export interface AnchorSizes { rules: number; history: number; stream: number }

/**
 * The anchor corpus as files `accolade replay` reads: `rules/`,
 * `history.jsonl` (messages 0..history-1) and `messages.jsonl` (the
 * stream after them). Messages are written as the in-process bench builds
 * them (topic, id, headers with sent-at, body, and the explicit agent_name,
 * usernames and packages), so a replay of the files awards what `pnpm bench`
 * does.
 */
export async function writeAnchorCorpus(dir: string, sizes: AnchorSizes): Promise<void> {
  const sequence = new MessageSequence(DEFAULT_STREAM);
  const writeLines = async (file: string, from: number, to: number): Promise<void> => {
    const out = createWriteStream(file);
    for (let i = from; i < to; i++) {
      if (!out.write(`${JSON.stringify(sequence.raw(i))}\n`)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
  };
  const rulesDir = join(dir, 'rules');
  for (const r of realisticRules(sizes.rules)) {
    mkdirSync(dirname(join(rulesDir, r.file)), { recursive: true });
    writeFileSync(join(rulesDir, r.file), r.yaml);
  }
  await writeLines(join(dir, 'history.jsonl'), 0, sizes.history);
  await writeLines(join(dir, 'messages.jsonl'), sizes.history, sizes.history + sizes.stream);
}
