import type { MessageSchema } from '@accolade/core';
import { has, names, sortedNames, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Fedora accounts (noggin-messages), topics `fas.*`. Everything is under
 * `msg`: the agent is `msg.agent`, the usernames the agent and `msg.user`
 * (sorted), and group events name `msg.group`.
 */

const agent = (body: unknown): string | null => str(body, 'msg', 'agent');
const usernames = (body: unknown): string[] | null => (has(body, 'msg') ? sortedNames(agent(body), str(body, 'msg', 'user')) : null);

const USER_EVENTS = ['fas.user.create', 'fas.user.update'];
const GROUP_EVENTS = ['fas.group.member.sponsor', 'fas.group.member.remove', 'fas.group.member.apply'];

export const fasSchemas: MessageSchema[] = [
  ...defineSchemas(USER_EVENTS, { agent_name: agent, usernames, groups: () => [] }),
  ...defineSchemas(GROUP_EVENTS, { agent_name: agent, usernames, groups: (body) => (has(body, 'msg') ? names(str(body, 'msg', 'group')) : null) }),
];
