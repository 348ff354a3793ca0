#!/usr/bin/env node
// Post the recorded deliveries to a running service, signed with
// GITHUB_WEBHOOK_SECRET when it is set, and print each answer.
//   node dist/post-samples.js [url] [deliveries.jsonl]
import { fileURLToPath } from 'node:url';
import { describe, postDelivery, readDeliveries } from './samples.js';

const url = process.argv[2] ?? 'http://127.0.0.1:3000/';
const file = process.argv[3] ?? fileURLToPath(new URL('../samples/deliveries.jsonl', import.meta.url));
const secret = process.env['GITHUB_WEBHOOK_SECRET'] || undefined;
const seen = new Set<string>();
for (const d of readDeliveries(file)) {
  console.log(describe(d, await postDelivery(url, d, secret), seen.has(d.delivery)));
  seen.add(d.delivery);
}
