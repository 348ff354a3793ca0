import { writeAnchorCorpus } from './anchor-corpus.js';

/**
 * Writes the anchor corpus to a folder, to time or profile a replay by hand:
 *
 *   node bench/dist/anchor/write-corpus.js <dir> [rules] [history] [stream]
 *   node packages/cli/bin/accolade.js replay --rules <dir>/rules --history <dir>/history.jsonl --format json <dir>/messages.jsonl
 */
const [dir, rules, history, stream] = process.argv.slice(2);
if (dir === undefined) {
  process.stderr.write('usage: write-corpus.js <dir> [rules=400] [history=50000] [stream=20000]\n');
  process.exit(2);
}
const sizes = { rules: Number(rules ?? 400), history: Number(history ?? 50_000), stream: Number(stream ?? 20_000) };
await writeAnchorCorpus(dir, sizes);
process.stderr.write(`wrote ${sizes.rules} rules, ${sizes.history} history and ${sizes.stream} stream messages under ${dir}\n`);
