import { readFileSync } from 'node:fs';
import { signatureOf } from './signature.js';

/** One recorded webhook delivery: GitHub's event name, delivery id and payload. */
export interface Delivery {
  event: string;
  delivery: string;
  payload: unknown;
}

export function readDeliveries(file: string): Delivery[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Delivery);
}

export interface Posted {
  status: number;
  body: unknown;
}

/** POST a delivery the way GitHub does: its headers, and the signature when there is a secret. */
export async function postDelivery(url: string, d: Delivery, secret: string | undefined): Promise<Posted> {
  const body = JSON.stringify(d.payload);
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'user-agent': 'GitHub-Hookshot/accolade-example',
    'x-github-event': d.event,
    'x-github-delivery': d.delivery,
  };
  if (secret !== undefined) headers['x-hub-signature-256'] = signatureOf(secret, body);
  const response = await fetch(url, { method: 'POST', headers, body });
  return { status: response.status, body: await response.json() };
}

/** A one-line account of a delivery and the service's answer; `again` marks a redelivery (GitHub's "Redeliver" button). */
export function describe(d: Delivery, posted: Posted, again = false): string {
  const p = d.payload as { action?: string; number?: number; pull_request?: { number?: number } };
  const number = p.number ?? p.pull_request?.number;
  const what = `${d.event}${p.action === undefined ? '' : `.${p.action}`}${number === undefined ? '' : ` #${number}`}`;
  const answer = posted.body as { awards?: Array<{ user: string; badge_id: string }>; ignored?: string; error?: string; pong?: boolean };
  let outcome = answer.pong === true ? 'pong' : '';
  if (answer.awards !== undefined) outcome = answer.awards.length === 0 ? 'no award' : answer.awards.map((a) => `${a.user} earned ${a.badge_id}`).join(', ');
  else if (answer.ignored !== undefined) outcome = `ignored: ${answer.ignored}`;
  else if (answer.error !== undefined) outcome = `refused: ${answer.error}`;
  return `${`${what}${again ? ' (again)' : ''}`.padEnd(40)} ${posted.status}  ${outcome}`;
}
