import type { MessageSchema } from '@accolade/core';
import { at, has, names, sortedNames, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Meetings (meetbot-messages), topics `meetbot.meeting.*`. A start names
 * who started it; a completed meeting is the agent who ended it, and its
 * usernames are every attendee, every chair and that agent, sorted.
 * zodbot's older messages, still in the history, carry `owner` and
 * attendees and chairs as mappings of name to count: those read the same way.
 */

/** Names from a list of `{"name": ...}` or strings, or from the keys of a mapping. */
function people(value: unknown): string[] {
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : str(v, 'name'))).filter((n): n is string => n !== null);
  if (value !== null && typeof value === 'object') return Object.keys(value);
  return [];
}

const starter = (body: unknown): string | null => str(body, 'start_user') ?? str(body, 'owner');
const ender = (body: unknown): string | null => str(body, 'end_user') ?? str(body, 'owner');

export const meetbotSchemas: MessageSchema[] = [
  ...defineSchemas(['meetbot.meeting.start'], {
    agent_name: starter,
    usernames: (body) => names(starter(body)),
    packages: () => [],
  }),
  ...defineSchemas(['meetbot.meeting.complete'], {
    agent_name: ender,
    usernames: (body) => {
      if (!has(body, 'attendees') && !has(body, 'chairs') && ender(body) === null) return null;
      return sortedNames(...people(at(body, 'attendees')), ...people(at(body, 'chairs')), ender(body));
    },
    groups: (body) => names(str(body, 'group')),
    packages: () => [],
  }),
  ...defineSchemas(['meetbot.meeting.topic.update', 'meetbot.meeting.item.help', 'meetbot.meeting.item.link'], {
    agent_name: (body) => str(body, 'owner') ?? str(body, 'agent'),
    usernames: (body) => names(str(body, 'owner') ?? str(body, 'agent')),
    packages: () => [],
  }),
];
