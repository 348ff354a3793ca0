#!/usr/bin/env node
// `pnpm examples`: run each example's one command, as its README gives it,
// and check that it exits 0 and prints the awards (or test results) the
// README shows. None needs a server. Exits 1 when any example differs.
import { spawnSync } from 'node:child_process';

const EXAMPLES = [
  {
    script: 'demo',
    expect: ['65 awards from 200 messages; 17 rules, 800 history messages'],
  },
  {
    script: 'example:bot',
    expect: [
      'ada earned "First Words" (first-words)',
      'grace earned "First Words" (first-words)',
      'linus earned "First Words" (first-words)',
      'grace earned "Bug Whisperer" (bug-whisperer)',
      'ada earned "Chatterbox" (chatterbox)',
      'grace earned "Helper" (helper)',
      '6 awards from 16 messages',
    ],
  },
  {
    // The bot's own stores against @accolade/core/testing's conformance suites, under node:test.
    script: 'example:bot:test',
    expect: ['# pass 27', '# fail 0'],
  },
  {
    script: 'example:webhooks',
    expect: [
      '401  refused: X-Hub-Signature-256 does not match the secret',
      '5 awards in the database:',
      'octocat    First Pull Request',
      'hubot      First Review',
      'octocat    Ten Merged Pull Requests',
      'hubot      First Pull Request',
      'octocat    First Review',
    ],
  },
  {
    script: 'example:rules',
    expect: ['3 rules valid', '7 passed, 0 failed'],
  },
];

let failed = 0;
for (const { script, expect } of EXAMPLES) {
  const started = Date.now();
  const run = spawnSync('pnpm', ['run', '--silent', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const missing = expect.filter((line) => !run.stdout.includes(line));
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (run.status === 0 && missing.length === 0) {
    console.log(`ok    pnpm ${script} (${seconds}s)`);
    continue;
  }
  failed++;
  console.log(`FAIL  pnpm ${script} (${seconds}s): ${run.error?.message ?? `exit ${run.status ?? run.signal}`}`);
  for (const line of missing) console.log(`  missing from its output: ${line}`);
  console.log(`  --- stdout\n${run.stdout}  --- stderr\n${run.stderr}`);
}
console.log(failed === 0 ? `${EXAMPLES.length} examples ok` : `${failed} of ${EXAMPLES.length} examples failed`);
process.exit(failed === 0 ? 0 : 1);
