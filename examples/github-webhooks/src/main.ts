#!/usr/bin/env node
// The webhook service, for a real repository: point a GitHub webhook at it
// (content type application/json, events "Pull requests" and "Pull request reviews").
//   PORT=3000 GITHUB_WEBHOOK_SECRET=... ACCOLADE_STORE=pglite:./badges-db node dist/main.js
import { startService } from './service.js';

const port = Number(process.env['PORT'] ?? 3000);
const secret = process.env['GITHUB_WEBHOOK_SECRET'] || undefined;
const store = process.env['ACCOLADE_STORE'] ?? 'pglite:./badges-db';
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, not '${process.env['PORT']}'`);
  process.exit(2);
}

const service = await startService({ store, port, host: process.env['HOST'] ?? '127.0.0.1', ...(secret === undefined ? {} : { secret }), log: (line) => console.log(line) });
console.log(`listening on ${service.url} (store ${store}; ${secret === undefined ? 'no secret: signatures are not checked' : 'signatures checked'})`);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    service.close().then(() => process.exit(0), (error: unknown) => { console.error(error); process.exit(1); });
  });
}
