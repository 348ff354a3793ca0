import { type IncomingMessage, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { type AwardResult, type Engine, MessageError, createEngine, loadRules } from '@accolade/core';
import { type PostgresStores, openStores } from '@accolade/postgres';
import { translate } from './github-events.js';
import { verifySignature } from './signature.js';

export interface ServiceOptions {
  /** Where history and awards live: `pglite:<folder>`, `pglite:memory` or `postgres://...`. */
  store: string;
  /** When set, every request must carry GitHub's X-Hub-Signature-256 for it. */
  secret?: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  /** Rule files or folders (default: this example's rules/). */
  rules?: string[];
  /** Told one line per award and per refused request. */
  log?: (line: string) => void;
}

export interface RunningService {
  url: string;
  stores: PostgresStores;
  close(): Promise<void>;
}

/** GitHub sends at most 25 MB; a pull request event is a few tens of kB. */
const MAX_BODY = 5 * 1024 * 1024;
/** Bots open pull requests too; they earn nothing. */
const SKIP_USERS = ['dependabot[bot]', 'github-actions[bot]', 'renovate[bot]'];

class HttpError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }
}

/** Start the webhook receiver: POST GitHub's events to its URL (any path). */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const log = options.log ?? (() => {});
  const rules = await loadRules(options.rules ?? [fileURLToPath(new URL('../rules', import.meta.url))]);
  const stores = await openStores(options.store);
  const engine = createEngine({ rules, history: stores.history, awards: stores.awards, options: { skipUsers: SKIP_USERS } });
  try {
    // Creates the rules' badges in the award store now, not on the first event.
    await engine.ready();
  } catch (error) {
    await stores.close();
    throw error;
  }

  const server = createServer((request, response) => {
    handle(request, engine, options.secret, log).then(
      ({ status, body }) => reply(response, status, body),
      (error: unknown) => {
        const status = error instanceof HttpError ? error.status : 500;
        log(`refused (${status}): ${(error as Error).message}`);
        reply(response, status, { error: (error as Error).message });
      },
    );
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 3000, options.host ?? '127.0.0.1', resolve);
    });
  } catch (error) {
    await stores.close();
    throw error;
  }
  const { address, port } = server.address() as AddressInfo;
  return {
    url: `http://${address}:${port}/`,
    stores,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await stores.close();
    },
  };
}

async function handle(request: IncomingMessage, engine: Engine, secret: string | undefined, log: (line: string) => void): Promise<{ status: number; body: unknown }> {
  if (request.method !== 'POST') throw new HttpError(405, 'POST webhook events here');
  const raw = await readBody(request);
  // The signature covers the exact bytes GitHub sent: check it before parsing them.
  if (secret !== undefined && !verifySignature(secret, raw, header(request, 'x-hub-signature-256'))) {
    throw new HttpError(401, 'X-Hub-Signature-256 does not match the secret');
  }
  const event = header(request, 'x-github-event');
  const delivery = header(request, 'x-github-delivery');
  if (event === undefined || delivery === undefined) throw new HttpError(400, 'X-GitHub-Event and X-GitHub-Delivery are required');
  let payload: unknown;
  try {
    payload = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new HttpError(400, 'the body is not JSON');
  }
  if (event === 'ping') return { status: 200, body: { pong: true } };

  const translated = translate(event, delivery, payload);
  if ('ignored' in translated) return { status: 202, body: { ignored: translated.ignored } };
  const { message } = translated;
  let awards: AwardResult[];
  try {
    awards = await engine.process(message);
  } catch (error) {
    if (error instanceof MessageError) throw new HttpError(400, error.message);
    throw error;
  }
  for (const a of awards) log(`award: ${a.user} earned "${a.rule.name}" (${a.badgeId}) for ${message.topic} ${message.id}`);
  return {
    status: 200,
    body: { message_id: message.id, topic: message.topic, awards: awards.map((a) => ({ badge_id: a.badgeId, name: a.rule.name, user: a.user })) },
  };
}

function header(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new HttpError(413, `the body is larger than ${MAX_BODY} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function reply(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(`${JSON.stringify(body)}\n`);
}
