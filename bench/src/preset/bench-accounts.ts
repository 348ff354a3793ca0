import type { StandInUser } from '@accolade/fedora/testing';

/**
 * The bench corpus's people as FASJSON accounts: `user<i>`, with the IRC
 * nick `user<i>_irc` the corpus's karma messages use, the address at
 * fedoraproject.org, and the same login on GitHub.
 */
export function benchAccounts(people: number): StandInUser[] {
  const accounts: StandInUser[] = [];
  for (let i = 0; i < people; i++) {
    const username = `user${i}`;
    accounts.push({ username, ircnicks: [`${username}_irc`], emails: [`${username}@fedoraproject.org`], github_username: username });
  }
  return accounts;
}
