import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { once } from 'node:events';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { FasjsonStandIn } from '@accolade/fedora/testing';
import { writeAnchorCorpus } from '../anchor/anchor-corpus.js';
import { DEFAULT_STREAM } from '../corpus/messages.js';
import { benchAccounts } from './bench-accounts.js';

/**
 * Does `--preset fedora` make Fedora's real messages work unchanged? The
 * bench corpus is written twice: as it is (every message carries the
 * `agent_name`, `usernames` and `packages` its publisher's schema gives),
 * and stripped of those three fields, as messages arrive on Fedora's bus.
 * `accolade replay --preset fedora` runs over both with the same accounts
 * (a local FASJSON serving the corpus's people), and the awards must be
 * identical; a third run, stripped and without the preset, shows what the
 * headers alone give.
 *
 *   BENCH_RULES=400 BENCH_HISTORY=50000 BENCH_STREAM=20000 pnpm bench:preset
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/accolade.js');
const RULES = Number(process.env['BENCH_RULES'] ?? 400);
const HISTORY = Number(process.env['BENCH_HISTORY'] ?? 50_000);
const STREAM = Number(process.env['BENCH_STREAM'] ?? 20_000);
const IDENTITY = ['agent_name', 'usernames', 'packages'] as const;

const log = (text: string): void => { process.stderr.write(`${text}\n`); };

async function strip(from: string, to: string): Promise<void> {
  const out = createWriteStream(to);
  for await (const line of createInterface({ input: createReadStream(from), crlfDelay: Infinity })) {
    if (line === '') continue;
    const message = JSON.parse(line) as Record<string, unknown>;
    for (const field of IDENTITY) delete message[field];
    if (!out.write(`${JSON.stringify(message)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

interface Run { name: string; seconds: number; awards: string[] }

async function replay(name: string, dir: string, history: string, messages: string, extra: string[]): Promise<Run> {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, 'replay', '--rules', join(dir, 'rules'), '--history', history, '--format', 'json', ...extra, messages], { stdio: ['ignore', 'pipe', 'pipe'] });
  const lines: string[] = [];
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (c: string) => { stderr += c; });
  const reading = (async () => { for await (const line of createInterface({ input: child.stdout })) if (line !== '') lines.push(line); })();
  const [code] = (await once(child, 'close')) as [number | null];
  await reading;
  if (code !== 0) throw new Error(`${name}: accolade exited ${code}: ${stderr.slice(0, 2000)}`);
  const seconds = (performance.now() - started) / 1000;
  log(`  ${name}: ${lines.length} awards, ${seconds.toFixed(2)} s (load ${loadavg()[0]!.toFixed(2)})`);
  return { name, seconds, awards: lines.sort() };
}

/** Awards per badge that one run has and the other has not. */
function difference(a: readonly string[], b: readonly string[]): Map<string, number> {
  const inB = new Set(b);
  const byBadge = new Map<string, number>();
  for (const line of a) {
    if (inB.has(line)) continue;
    const badge = (JSON.parse(line) as { badge_id?: string }).badge_id ?? '?';
    byBadge.set(badge, (byBadge.get(badge) ?? 0) + 1);
  }
  return byBadge;
}

const dir = mkdtempSync(join(tmpdir(), 'accolade-preset-'));
const fasjson = await new FasjsonStandIn(benchAccounts(DEFAULT_STREAM.people)).start();
try {
  log(`writing the bench corpus (${RULES} rules, ${HISTORY} history, ${STREAM} messages) under ${dir}`);
  await writeAnchorCorpus(dir, { rules: RULES, history: HISTORY, stream: STREAM });
  await strip(join(dir, 'history.jsonl'), join(dir, 'history.stripped.jsonl'));
  await strip(join(dir, 'messages.jsonl'), join(dir, 'messages.stripped.jsonl'));
  const preset = ['--preset', 'fedora', '--fasjson', fasjson.url];
  const loadBefore = loadavg()[0]!;
  const kept = await replay('kept, --preset fedora', dir, join(dir, 'history.jsonl'), join(dir, 'messages.jsonl'), preset);
  const stripped = await replay('stripped, --preset fedora', dir, join(dir, 'history.stripped.jsonl'), join(dir, 'messages.stripped.jsonl'), preset);
  const headersOnly = await replay('stripped, no preset (headers only)', dir, join(dir, 'history.stripped.jsonl'), join(dir, 'messages.stripped.jsonl'), []);
  const same = kept.awards.join('\n') === stripped.awards.join('\n');
  const lines = [
    `\`accolade replay --format json\` on the bench corpus: ${RULES} rules, ${HISTORY} history, ${STREAM} messages; FASJSON stand-in with ${DEFAULT_STREAM.people} accounts; load ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`,
    '',
    '| messages | replay | awards | seconds |',
    '| --- | --- | ---: | ---: |',
    ...[kept, stripped, headersOnly].map((r) => `| ${r.name.split(', ')[0]} | ${r.name.split(', ')[1]} | ${r.awards.length} | ${r.seconds.toFixed(2)} |`),
    '',
    `stripped with the preset / kept: awards ${same ? 'identical' : 'DIFFERENT'} (${stripped.awards.length} / ${kept.awards.length})`,
  ];
  if (!same) {
    for (const [what, d] of [['only kept', difference(kept.awards, stripped.awards)], ['only stripped', difference(stripped.awards, kept.awards)]] as const) {
      lines.push(`${what}: ${[...d].sort((x, y) => y[1] - x[1]).slice(0, 15).map(([b, n]) => `${b} ${n}`).join(', ') || 'none'}`);
    }
    process.exitCode = 1;
  }
  const lost = difference(kept.awards, headersOnly.awards);
  lines.push(`headers alone miss ${[...lost.values()].reduce((a, b) => a + b, 0)} of the kept awards (${lost.size} badges)`);
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  await fasjson.stop();
  rmSync(dir, { recursive: true, force: true });
}
