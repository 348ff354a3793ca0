import { type ServerSchema, serverSchema } from '../../../packages/postgres/src/testing/server-harness.js';
import { AMQP_URL, type TestBroker } from './broker.js';
import { ServeProcess } from './serve-process.js';
import type { Workspace } from './stream.js';

export const storeUrl = (db: { url: string; schema: string }): string => `${db.url}${db.url.includes('?') ? '&' : '?'}schema=${db.schema}`;

/** A serve process on the test's broker, exchange and queue; debug logs so every processed message is seen. */
export function startServe(ws: Workspace, broker: TestBroker, store: string, extra: readonly string[] = []): ServeProcess {
  return new ServeProcess([
    '--rules', ws.rules, '--store', store, '--amqp', AMQP_URL, '--exchange', broker.exchange, '--queue', broker.queue,
    '--topic-prefix', 'org.example.test', '--log-level', 'debug', '--no-watch',
    // The stream's topics, not the announcements (which a `#` binding would bring back as messages, as on Fedora's bus).
    '--bind', 'org.fedoraproject.#', '--bind', 'org.short', '--bind', '*.eng.koji', ...extra,
  ]);
}

/** Which of the stream's messages any of the processes acked. */
export function processedIds(processes: readonly ServeProcess[], stream: ReadonlyArray<{ id?: string }>): Set<string> {
  const wanted = new Set(stream.map((m) => m.id));
  return new Set(processes.flatMap((p) => p.events('processed').map((l) => String(l['message_id']))).filter((id) => wanted.has(id)));
}

export async function waitConnected(p: ServeProcess): Promise<void> {
  await p.waitFor((s) => s.events('broker-connected').length > 0, 'the broker connection');
}

export async function freshDatabase(): Promise<ServerSchema> {
  return serverSchema();
}
