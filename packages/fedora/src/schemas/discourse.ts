import type { MessageSchema } from '@accolade/core';
import { at, sortedNames, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Discourse, Fedora Discussion and Ask Fedora (discourse2fedmsg-messages),
 * topics `discourse.<type>.<event>`. The body is the webhook's, its event
 * type and event in `webhook_headers` (`X-Discourse-Event-Type`,
 * `X-Discourse-Event`), the event's object under `webhook_body.<type>`.
 * The agent is the author of a created, edited, destroyed or recovered
 * post or topic, or the user who liked a post; an accepted solution has
 * none (the question's author marks it, and the webhook does not say who).
 * The usernames are the liked post's author, or the solution's author;
 * other events name none, as the schema does.
 */

const POST_EVENTS = ['post_created', 'post_edited', 'post_destroyed', 'post_recovered'];
const TOPIC_EVENTS = ['topic_created', 'topic_edited', 'topic_destroyed', 'topic_recovered'];

const eventType = (body: unknown): string | null => str(body, 'webhook_headers', 'X-Discourse-Event-Type');
const event = (body: unknown): string | null => str(body, 'webhook_headers', 'X-Discourse-Event');
/** The event's object: `webhook_body.<event type>`. */
const contents = (body: unknown): unknown => {
  const type = eventType(body);
  return type === null ? undefined : at(body, 'webhook_body', type);
};

function agent(body: unknown): string | null {
  const name = event(body) ?? '';
  switch (eventType(body)) {
    case 'post': return POST_EVENTS.includes(name) ? str(contents(body), 'username') : null;
    case 'like': return name === 'post_liked' ? str(contents(body), 'user', 'username') : null;
    case 'topic': return TOPIC_EVENTS.includes(name) ? str(contents(body), 'created_by', 'username') : null;
    default: return null;
  }
}

function usernames(body: unknown): string[] | null {
  switch (eventType(body)) {
    case null: return null;
    case 'solved': return sortedNames(str(contents(body), 'username'));
    case 'like': return sortedNames(str(contents(body), 'post', 'username'));
    default: return [];
  }
}

const EVENTS = [
  ...POST_EVENTS.map((e) => `post.${e}`), ...TOPIC_EVENTS.map((e) => `topic.${e}`),
  'like.post_liked', 'like.accepted_solution', 'solved.accepted_solution', 'solved.unaccepted_solution',
];

export const discourseSchemas: MessageSchema[] = defineSchemas(EVENTS.map((e) => `discourse.${e}`), {
  agent_name: agent,
  usernames,
  packages: () => [],
});
