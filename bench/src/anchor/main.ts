import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { writeAnchorCorpus } from './anchor-corpus.js';

/**
 * The whole process on the anchor corpus, timed from outside: the built
 * `accolade` binary (`node packages/cli/bin/accolade.js`, as an installed
 * binary runs, no pnpm wrapper) replaying the corpus with `--format json`,
 * against a baseline binary in the same run (another checkout, given by
 * BENCH_BASELINE), runs alternating so load changes hit both alike. The
 * awards of every run must be identical: the run fails otherwise.
 *
 *   BENCH_BASELINE=/path/to/other/checkout pnpm bench:anchor
 *   BENCH_RULES=400 BENCH_HISTORY=50000 BENCH_STREAM=20000 BENCH_RUNS=3 pnpm bench:anchor
 */
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const RULES = Number(process.env['BENCH_RULES'] ?? 400);
const HISTORY = Number(process.env['BENCH_HISTORY'] ?? 50_000);
const STREAM = Number(process.env['BENCH_STREAM'] ?? 20_000);
const RUNS = Number(process.env['BENCH_RUNS'] ?? 3);
const BASELINE = process.env['BENCH_BASELINE'];

const log = (text: string): void => { process.stderr.write(`${text}\n`); };

interface Binary { name: string; bin: string; seconds: number[]; awards: string | null }

function run(binary: Binary, dir: string): void {
  const started = performance.now();
  const out = spawnSync(process.execPath, [
    binary.bin, 'replay', '--rules', join(dir, 'rules'), '--history', join(dir, 'history.jsonl'), '--format', 'json', join(dir, 'messages.jsonl'),
  ], { encoding: 'utf8', maxBuffer: 1 << 30 });
  const seconds = (performance.now() - started) / 1000;
  if (out.status !== 0) throw new Error(`${binary.name} exited ${out.status}: ${out.stderr.slice(0, 2000)}`);
  // Sorted, so the comparison is of the awards, not of their order.
  const awards = out.stdout.split('\n').filter((l) => l !== '').sort().join('\n');
  if (binary.awards !== null && binary.awards !== awards) throw new Error(`${binary.name} gave different awards from one run to the next`);
  binary.awards = awards;
  binary.seconds.push(seconds);
  log(`  ${binary.name}: ${seconds.toFixed(2)} s (load ${loadavg()[0]!.toFixed(2)})`);
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 === 1 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

const dir = mkdtempSync(join(tmpdir(), 'accolade-anchor-'));
try {
  log(`writing the anchor corpus (${RULES} rules, ${HISTORY} history, ${STREAM} messages) under ${dir}`);
  await writeAnchorCorpus(dir, { rules: RULES, history: HISTORY, stream: STREAM });
  const binaries: Binary[] = [{ name: 'this checkout', bin: join(ROOT, 'packages/cli/bin/accolade.js'), seconds: [], awards: null }];
  if (BASELINE !== undefined) binaries.push({ name: 'baseline', bin: join(resolve(BASELINE), 'packages/cli/bin/accolade.js'), seconds: [], awards: null });
  const loadBefore = loadavg()[0]!;
  for (let r = 0; r < RUNS; r++) for (const b of r % 2 === 0 ? binaries : [...binaries].reverse()) run(b, dir);
  const [current, baseline] = binaries as [Binary, Binary | undefined];
  const awards = current.awards!.split('\n').filter((l) => l !== '').length;
  const lines = [
    `Whole process, \`accolade replay --format json\`: ${RULES} rules, ${HISTORY} history, ${STREAM} messages; median of ${RUNS} runs; load ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`,
    '',
    '| binary | median s | messages/s | runs (s) | awards |',
    '| --- | ---: | ---: | --- | ---: |',
    ...binaries.map((b) => `| ${b.name} | ${median(b.seconds).toFixed(2)} | ${Math.round(STREAM / median(b.seconds))} | ${b.seconds.map((s) => s.toFixed(2)).join(', ')} | ${b.awards!.split('\n').filter((l) => l !== '').length} |`),
  ];
  if (baseline !== undefined) {
    const same = baseline.awards === current.awards;
    lines.push('', `this checkout / baseline: ${(median(baseline.seconds) / median(current.seconds)).toFixed(2)}x faster; awards ${same ? 'identical' : 'DIFFERENT'} (${awards})`);
    process.stdout.write(`${lines.join('\n')}\n`);
    if (!same) process.exitCode = 1;
  } else {
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
