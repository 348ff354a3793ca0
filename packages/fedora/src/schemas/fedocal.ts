import type { MessageSchema } from '@accolade/core';
import { names, str } from './body.js';
import { defineSchemas } from './define.js';

/** The calendar (fedocal-messages), topics `fedocal.*`: the agent is the body's `agent`. */
const EVENTS = [
  'calendar.new', 'calendar.update', 'calendar.delete', 'calendar.clear', 'calendar.upload',
  'meeting.new', 'meeting.update', 'meeting.delete', 'meeting.reminder',
];

export const fedocalSchemas: MessageSchema[] = defineSchemas(EVENTS.map((e) => `fedocal.${e}`), {
  agent_name: (body) => str(body, 'agent'),
  usernames: (body) => names(str(body, 'agent')),
  packages: () => [],
});
