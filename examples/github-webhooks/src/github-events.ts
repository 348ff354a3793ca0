/**
 * GitHub webhook events as Accolade messages: the fedora-messaging JSON
 * shape `createMessage` reads. The body is GitHub's payload as it came, so
 * rules read `message.body["pull_request"]["user"]["login"]`.
 *
 * - `usernames` is whom the event is about (the pull request's author, the
 *   reviewer): what history queries' `users: [recipient]` count;
 * - `agent_name` is who did it (GitHub's `sender`): the merger, not the author;
 * - the time is when it happened on GitHub (`sent-at`), not when it arrived;
 * - the id is the delivery id (`X-GitHub-Delivery`), which GitHub keeps when
 *   it redelivers, so a redelivery is recorded and awarded only once.
 */
export interface WebhookMessage {
  id: string;
  topic: string;
  headers: { 'sent-at': string };
  body: unknown;
  agent_name: string | null;
  usernames: string[];
}

/** An event turned into a message, or why it is not one. */
export type Translation = { message: WebhookMessage } | { ignored: string };

interface Login { login?: unknown }
interface Payload {
  action?: unknown;
  sender?: Login;
  pull_request?: { user?: Login; created_at?: unknown; merged?: unknown; merged_at?: unknown };
  review?: { user?: Login; submitted_at?: unknown };
}

const login = (who: Login | undefined): string | null => (typeof who?.login === 'string' ? who.login : null);
const time = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function translate(event: string, delivery: string, payload: unknown): Translation {
  if (typeof payload !== 'object' || payload === null) return { ignored: 'the payload is not a JSON object' };
  const p = payload as Payload;
  const sender = login(p.sender);
  const make = (topic: string, about: string | null, at: string | null): Translation => {
    if (about === null || at === null) return { ignored: `${topic}: the payload lacks the user or the time` };
    return { message: { id: delivery, topic, headers: { 'sent-at': at }, body: payload, agent_name: sender, usernames: [about] } };
  };
  const action = typeof p.action === 'string' ? p.action : '';
  const author = login(p.pull_request?.user);
  if (event === 'pull_request' && action === 'opened') {
    return make('github.pull_request.opened', author, time(p.pull_request?.created_at));
  }
  if (event === 'pull_request' && action === 'closed') {
    if (p.pull_request?.merged !== true) return { ignored: 'pull_request.closed without a merge' };
    return make('github.pull_request.merged', author, time(p.pull_request.merged_at));
  }
  if (event === 'pull_request_review' && action === 'submitted') {
    return make('github.pull_request_review.submitted', login(p.review?.user), time(p.review?.submitted_at));
  }
  return { ignored: `${event}${action === '' ? '' : `.${action}`} is not an event this service awards for` };
}
