import { setTimeout as sleep } from 'node:timers/promises';
import { FasjsonError } from './fasjson-error.js';

export interface FasjsonHttpOptions {
  /** FASJSON's address, e.g. `https://fasjson.fedoraproject.org` (the `/v1/` part is added). */
  baseUrl: string;
  /** Time allowed for one request, in milliseconds. Default 5000. */
  timeoutMs?: number;
  /** Further attempts after a timeout, a connection failure or a 5xx/429. Default 2 (three tries, as fedbadges). */
  retries?: number;
  /** Wait before the first retry, doubled each time. Default 200 ms. */
  backoffMs?: number;
  /** Extra request headers (e.g. an Authorization header for a FASJSON behind a proxy). */
  headers?: Record<string, string>;
  /** The fetch to use; default the global one. */
  fetch?: typeof globalThis.fetch;
}

/** A JSON answer, or "not found" for a 404. */
export type FasjsonAnswer = { found: true; json: Record<string, unknown> } | { found: false };

const retryable = (status: number): boolean => status >= 500 || status === 429;

/** GETs against FASJSON's v1 API with a timeout per request and retries with backoff. */
export class FasjsonHttp {
  private readonly base: string;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly backoffMs: number;
  private readonly fetch: typeof globalThis.fetch;
  /** Requests made so far (each attempt counts). */
  requests = 0;

  constructor(private readonly options: FasjsonHttpOptions) {
    this.base = `${options.baseUrl.replace(/\/+$/, '')}/v1/`;
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.retries = options.retries ?? 2;
    this.backoffMs = options.backoffMs ?? 200;
    this.fetch = options.fetch ?? globalThis.fetch;
  }

  /** GET `path` (relative to `/v1/`) with a query; a 404 is `{found: false}`, every other failure a FasjsonError. */
  async get(path: string, query: Record<string, string | number> = {}, fields?: readonly string[]): Promise<FasjsonAnswer> {
    const url = new URL(path, this.base);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, String(v));
    const headers: Record<string, string> = { accept: 'application/json', ...this.options.headers };
    if (fields !== undefined) headers['X-Fields'] = fields.join(',');
    let last: FasjsonError | undefined;
    for (let attempt = 1; attempt <= this.retries + 1; attempt++) {
      if (attempt > 1) await sleep(this.backoffMs * 2 ** (attempt - 2));
      const outcome = await this.once(url.href, headers, attempt);
      if (!(outcome instanceof FasjsonError)) return outcome;
      last = outcome;
      if (outcome.code === 'rejected' || outcome.code === 'bad-response') break;
    }
    throw last!;
  }

  private async once(url: string, headers: Record<string, string>, attempt: number): Promise<FasjsonAnswer | FasjsonError> {
    this.requests++;
    const signal = AbortSignal.timeout(this.timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.fetch(url, { headers, signal });
      text = await response.text();
    } catch (error) {
      const timedOut = signal.aborted || (error as Error).name === 'TimeoutError';
      return timedOut
        ? new FasjsonError('timeout', `FASJSON did not answer within ${this.timeoutMs} ms (${url}, attempt ${attempt})`, url, attempt, { cause: error })
        : new FasjsonError('network', `cannot reach FASJSON at ${url}: ${(error as Error).message} (attempt ${attempt})`, url, attempt, { cause: error });
    }
    if (response.status === 404) return { found: false };
    if (!response.ok) {
      const code = retryable(response.status) ? 'unavailable' : 'rejected';
      return new FasjsonError(code, `FASJSON answered ${response.status} ${response.statusText} for ${url} (attempt ${attempt})`, url, attempt);
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = null;
    }
    if (json === null || typeof json !== 'object' || Array.isArray(json) || !('result' in json)) {
      return new FasjsonError('bad-response', `FASJSON's answer for ${url} is not a {"result": ...} object`, url, attempt);
    }
    return { found: true, json: json as Record<string, unknown> };
  }
}
