#!/usr/bin/env node
// Everything in one process, then exit: the service on a free port with a
// fresh PGlite folder, every sample delivery posted to it (signed), one
// forged delivery, and the awards as the database holds them.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, postDelivery, readDeliveries } from './samples.js';
import { startService } from './service.js';

const secret = 'demo-secret';
const folder = mkdtempSync(join(tmpdir(), 'accolade-github-webhooks-'));
const service = await startService({ store: `pglite:${folder}`, secret, port: 0, log: (line) => console.log(`  service: ${line}`) });
try {
  console.log(`service listening on ${service.url}, history and awards in pglite:${folder}`);
  const deliveries = readDeliveries(fileURLToPath(new URL('../samples/deliveries.jsonl', import.meta.url)));
  const seen = new Set<string>();
  for (const d of deliveries) {
    console.log(describe(d, await postDelivery(service.url, d, secret), seen.has(d.delivery)));
    seen.add(d.delivery);
  }
  // Signed with another secret: refused before anything is recorded.
  const forged = { ...deliveries[1]!, delivery: 'forged-0001' };
  console.log(describe(forged, await postDelivery(service.url, forged, 'not-the-secret')));

  // The awards are rows of tahrir's tables, as Fedora Badges keeps them.
  const rows = await service.stores.client.query<{ nickname: string; name: string; issued_on: Date }>(
    `SELECT p.nickname, b.name, a.issued_on FROM assertions a
       JOIN persons p ON p.id = a.person_id JOIN badges b ON b.id = a.badge_id
      ORDER BY a.issued_on, p.nickname`,
  );
  console.log(`\n${rows.length} awards in the database:`);
  for (const r of rows) console.log(`  ${new Date(r.issued_on).toISOString().slice(0, 16).replace('T', ' ')}  ${r.nickname.padEnd(10)} ${r.name}`);
} finally {
  await service.close();
  rmSync(folder, { recursive: true, force: true });
}
