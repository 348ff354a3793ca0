import { MemoryUserDirectory } from '@accolade/core';

/** The bench's accounts: IRC nicks are `<user>_irc`; the other converters are the pure ones. */
export function benchUsers(people: number): MemoryUserDirectory {
  const nick: Record<string, string> = {};
  for (let i = 0; i < people; i++) nick[`user${i}_irc`] = `user${i}`;
  return new MemoryUserDirectory({ aliases: { nick } });
}

/** Bots never get badges, as in Fedora's skip list. */
export const SKIP_USERS = ['bodhi', 'autoqa'];
