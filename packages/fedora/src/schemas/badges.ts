import type { MessageSchema } from '@accolade/core';
import { names, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Fedora Badges' own messages, `fedbadges.*`: an award and a first login
 * name `user.username`, a rank change `person.nickname`.
 */
const user = (body: unknown): string | null => str(body, 'user', 'username');
const person = (body: unknown): string | null => str(body, 'person', 'nickname');

export const badgesSchemas: MessageSchema[] = [
  ...defineSchemas(['fedbadges.badge.award', 'fedbadges.person.login.first'], {
    agent_name: user, usernames: (body) => names(user(body)), packages: () => [],
  }),
  ...defineSchemas(['fedbadges.person.rank.advance'], {
    agent_name: person, usernames: (body) => names(person(body)), packages: () => [],
  }),
];
