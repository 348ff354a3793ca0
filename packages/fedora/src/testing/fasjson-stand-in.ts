import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/** An account as FASJSON serves it (the fields fedbadges and Accolade read, and a few more). */
export interface StandInUser {
  username: string;
  emails?: string[];
  ircnicks?: string[];
  github_username?: string | null;
  creation?: string;
}

/** What the next requests to a route get instead of a normal answer. */
export type Fault = { status: number } | { delayMs: number } | { body: string };

/**
 * A local FASJSON on a free port, for tests: `/v1/users/<name>/` and
 * `/v1/search/users/` with FASJSON's real response shapes (`{"result":
 * ...}`, a `page` object on searches, 404 for an unknown user, 400 for a
 * search without terms or with one shorter than 3 characters), and
 * programmable faults: slow answers, 5xx, garbage.
 */
export class FasjsonStandIn {
  readonly requests: Array<{ path: string; query: Record<string, string>; fields: string | undefined }> = [];
  private readonly faults: Fault[] = [];
  private server: Server | null = null;
  url = '';

  constructor(readonly users: StandInUser[], readonly pageSize = 40) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === null) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = null;
  }

  /** The next `times` requests (any route) get this fault. */
  fail(fault: Fault, times = 1): this {
    for (let i = 0; i < times; i++) this.faults.push(fault);
    return this;
  }

  /** Back to normal answers. */
  clearFaults(): void {
    this.faults.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    const fields = req.headers['x-fields'];
    this.requests.push({ path: url.pathname, query, fields: Array.isArray(fields) ? fields.join(',') : fields });
    const fault = this.faults.shift();
    if (fault !== undefined) {
      if ('delayMs' in fault) await new Promise((r) => setTimeout(r, fault.delayMs));
      else if ('status' in fault) return send(res, fault.status, { message: 'Internal Server Error' });
      else { res.writeHead(200, { 'content-type': 'application/json' }); res.end(fault.body); return; }
    }
    const user = /^\/v1\/users\/([^/]+)\/$/.exec(url.pathname);
    if (user) return this.getUser(res, decodeURIComponent(user[1]!));
    if (url.pathname === '/v1/search/users/') return this.search(res, url.searchParams);
    send(res, 404, { message: 'The requested URL was not found on the server.' });
  }

  private getUser(res: ServerResponse, name: string): void {
    const user = this.users.find((u) => u.username === name);
    if (user === undefined) return send(res, 404, { name, message: 'User does not exist' });
    send(res, 200, { result: this.shape(user) });
  }

  private search(res: ServerResponse, params: URLSearchParams): void {
    const terms = [...params].filter(([k]) => k !== 'page_size' && k !== 'page_number');
    if (terms.length === 0) return send(res, 400, { message: 'At least one search term must be provided.' });
    for (const [k, v] of terms) if (v.length < 3) return send(res, 400, { message: 'Search term must be at least 3 characters long.', search_term: k });
    const matches = this.users.filter((u) => terms.every(([k, v]) => {
      switch (k) {
        case 'email': return (u.emails ?? []).includes(v);
        case 'ircnick': return (u.ircnicks ?? []).includes(v);
        case 'github_username__exact': return u.github_username === v;
        case 'username': return u.username.includes(v);
        default: return false;
      }
    }));
    const size = Math.min(Number(params.get('page_size') ?? this.pageSize), this.pageSize);
    const number = Number(params.get('page_number') ?? 1);
    const items = matches.slice((number - 1) * size, number * size);
    const totalPages = Math.ceil(matches.length / size);
    const page: Record<string, unknown> = { total_results: matches.length, page_size: size, page_number: number, total_pages: totalPages };
    if (number < totalPages) page['next_page'] = `${this.url}/v1/search/users/?page_size=${size}&page_number=${number + 1}`;
    send(res, 200, { result: items.map((u) => this.shape(u)), page });
  }

  private shape(u: StandInUser): Record<string, unknown> {
    return {
      username: u.username, surname: null, givenname: null, human_name: null, emails: u.emails ?? [`${u.username}@fedoraproject.org`],
      ircnicks: u.ircnicks ?? [], locale: 'en-US', timezone: 'UTC', gpgkeyids: [], certificates: null,
      creation: u.creation ?? '2020-01-01T00:00:00', locked: false, is_private: false,
      github_username: u.github_username ?? null, gitlab_username: null, website: null, pronouns: null,
      uri: `${this.url}/v1/users/${u.username}/`,
    };
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}
