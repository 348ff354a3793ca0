import type { MessageSchema } from '@accolade/core';
import { names, str } from './body.js';
import { defineSchemas } from './define.js';

/** Fedora Planet (fedora-planet-messages), `planet.post.new`: the agent is the author's account, `username`. */
export const planetSchemas: MessageSchema[] = defineSchemas(['planet.post.new'], {
  agent_name: (body) => str(body, 'username'),
  usernames: (body) => names(str(body, 'username')),
  packages: () => [],
});
