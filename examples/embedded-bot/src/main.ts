#!/usr/bin/env node
// The bot: read messages (one JSON object per line) from a file or stdin,
// award badges with the rules in ../rules, keep history and awards in the
// state folder, print each award as it is made.
//   node dist/main.js [--state <folder>] [--reset] [<messages.jsonl> | -]
import { mkdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { MessageError, createEngine, loadRules, parseMessage } from '@accolade/core';
import { JsonFileAwardStore } from './json-file-award-store.js';
import { JsonFileHistoryStore } from './json-file-history-store.js';

const USAGE = 'usage: node dist/main.js [--state <folder>] [--reset] [<messages.jsonl> | -]';

function readArgs() {
  try {
    const parsed = parseArgs({
      allowPositionals: true,
      options: { state: { type: 'string', default: '.state' }, reset: { type: 'boolean', default: false } },
    });
    if (parsed.positionals.length > 1) throw new Error('give at most one messages file');
    return parsed;
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    process.exit(2);
  }
}
const args = readArgs();

const state = args.values.state;
// --reset starts from empty stores; without it the bot carries on from what the folder holds.
if (args.values.reset) rmSync(state, { recursive: true, force: true });
mkdirSync(state, { recursive: true });

const history = JsonFileHistoryStore.open(state);
const awards = JsonFileAwardStore.open(state, { optedOut: ['quiet-quinn'] });
const rules = await loadRules([fileURLToPath(new URL('../rules', import.meta.url))]);
const engine = createEngine({
  rules,
  history,
  awards,
  options: {
    skipUsers: ['helpdesk-bot'],
    logger: (event) => console.error(`${event.file}:${event.line}: ${event.text}`),
  },
});

/** The messages: stdin for `-`, else the file; one that cannot be read exits 2 before anything is processed. */
async function openInput(source: string): Promise<NodeJS.ReadableStream> {
  if (source === '-') return process.stdin;
  try {
    const file = await open(source);
    if ((await file.stat()).isDirectory()) {
      await file.close();
      throw new Error('a folder, not a messages file');
    }
    return file.createReadStream();
  } catch (error) {
    console.error(`cannot read '${source}': ${(error as Error).message}`);
    process.exit(2);
  }
}

const source = args.positionals[0] ?? '-';
const input = await openInput(source);
let line = 0;
let messages = 0;
let made = 0;
for await (const text of createInterface({ input, crlfDelay: Infinity })) {
  line++;
  if (text.trim() === '') continue;
  let message;
  try {
    message = parseMessage(text);
  } catch (error) {
    if (!(error instanceof MessageError)) throw error;
    console.error(`${source}:${line}: skipped: ${error.message}`);
    continue;
  }
  messages++;
  for (const award of await engine.process(message)) {
    made++;
    console.log(`${message.timestamp.toISOString()}  ${award.user} earned "${award.rule.name}" (${award.badgeId})`);
  }
}
console.log(`${made} awards from ${messages} messages; ${state} holds ${history.size} messages and ${awards.list().length} awards`);
