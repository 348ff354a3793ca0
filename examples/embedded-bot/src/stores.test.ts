import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import type { HistoryQuery, Message } from '@accolade/core';
import { describeAwardStoreConformance, describeHistoryStoreConformance } from '@accolade/core/testing';
import { JsonFileAwardStore } from './json-file-award-store.js';
import { JsonFileHistoryStore } from './json-file-history-store.js';

// The same contract the in-memory, PGlite and PostgreSQL stores pass, run with node:test.
const framework = { describe, it };

/** A store in a fresh folder, removed when the case is done. */
function inFolder<S>(open: (folder: string) => S): { store: S; close: () => void } {
  const folder = mkdtempSync(join(tmpdir(), 'embedded-bot-store-'));
  return { store: open(folder), close: () => rmSync(folder, { recursive: true, force: true }) };
}

describeHistoryStoreConformance('JSON-file history', () => inFolder((folder) => JsonFileHistoryStore.open(folder)), framework);

// What the bot relies on across restarts: every answer read back from the file by a store opened afterwards.
describeHistoryStoreConformance('JSON-file history, reopened for every question', () => inFolder((folder) => {
  const writer = JsonFileHistoryStore.open(folder);
  return {
    add: (message: Message) => writer.add(message),
    count: (query: HistoryQuery) => JsonFileHistoryStore.open(folder).count(query),
    find: (query: HistoryQuery) => JsonFileHistoryStore.open(folder).find(query),
  };
}), framework);

describeAwardStoreConformance('JSON-file awards', ({ optedOut, awards }) => inFolder((folder) => {
  const store = JsonFileAwardStore.open(folder, { optedOut });
  for (const a of awards) store.award({ badgeId: a.badgeId, user: a.user, messageId: null, issuedAt: new Date(0) });
  return store;
}), framework);
