import { type HistoryQuery, type Message, createMessage } from '@accolade/core';
import { Random } from './random.js';

export const USERS = ['ann', 'bob', 'cy', 'dee', 'ed', 'fay'];
export const PACKAGES = ['kernel', 'gimp', 'vim', 'git'];
export const TOPICS = [
  'org.fedoraproject.prod.bodhi.update.comment', 'org.fedoraproject.prod.bodhi.update.request', 'org.fedoraproject.prod.git.receive',
  'org.fedoraproject.prod.wiki.article.edit', 'org.fedoraproject.stg.bodhi.update.comment', 'org.short', '/topic/VirtualTopic.eng.koji',
];
export const CATEGORIES = ['bodhi', 'git', 'wiki', 'Unclassified', 'eng', 'koji'];
const WORDS = ['looks good', 'café', 'naïve_ok', '100%', 'a_b', 'x%y', 'LGTM', 'tab\there', 'quote"d', 'back\\slash', '日本'];
const CONTAINS = ['good', 'caf\\\\u00e9', '_ok', '100\\%', 'a_b', 'x%y', '"karma": 1', '"karma": -1', 'LGTM', 'quote\\\\"d', '\\\\\\\\', 'nothing-here', '\\\\u65e5'];

/** A random message: people, packages, topic, a body with characters json.dumps escapes, and a time (sometimes a repeated one). */
export function randomMessage(r: Random, i: number, users: readonly string[] = USERS): Message {
  const seconds = 1_700_000_000 + Math.floor(i / (r.chance(0.2) ? 1 : 2)) * 60;
  return createMessage({
    id: `m${i}`,
    topic: r.pick(TOPICS),
    timestamp: seconds,
    agent_name: r.chance(0.15) ? null : r.pick(users),
    usernames: r.some(users, 3),
    packages: r.some(PACKAGES, 2),
    headers: r.chance(0.5) ? { 'sent-at': new Date(seconds * 1000).toISOString(), priority: r.int(3) } : {},
    body: { text: r.pick(WORDS), karma: r.pick([1, -1, 0]), n: r.int(5), nested: { list: r.some(WORDS, 2) } },
  });
}

/** A random datanommer query over the vocabulary above. */
export function randomQuery(r: Random, withPaging: boolean): HistoryQuery {
  const q: HistoryQuery = {};
  if (r.chance(0.4)) q.users = r.some(USERS, 2);
  if (r.chance(0.15)) q.not_users = r.some(USERS, 2);
  if (r.chance(0.25)) q.packages = r.some(PACKAGES, 2);
  if (r.chance(0.15)) q.not_packages = r.some(PACKAGES, 2);
  if (r.chance(0.3)) q.topics = r.some(TOPICS, 2);
  if (r.chance(0.15)) q.not_topics = r.some(TOPICS, 2);
  if (r.chance(0.3)) q.categories = r.some(CATEGORIES, 2);
  if (r.chance(0.15)) q.not_categories = r.some(CATEGORIES, 2);
  if (r.chance(0.3)) q.agents = r.some(USERS, 2);
  if (r.chance(0.2)) q.not_agents = r.some(USERS, 2);
  if (r.chance(0.25)) q.contains = r.some(CONTAINS, 2);
  if (r.chance(0.15)) q.start = new Date((1_700_000_000 + r.int(200) * 60) * 1000);
  if (r.chance(0.15)) q.end = new Date((1_700_000_000 + r.int(200) * 60) * 1000);
  if (r.chance(0.05)) q.msg_id = `m${r.int(300)}`;
  if (withPaging) {
    if (r.chance(0.5)) q.order = r.pick(['asc', 'desc'] as const);
    if (r.chance(0.5)) q.rows_per_page = r.int(6);
    if (r.chance(0.5)) q.page = r.int(4);
  }
  return q;
}
