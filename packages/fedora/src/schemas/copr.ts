import type { MessageSchema } from '@accolade/core';
import { has, sortedNames, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Copr (copr-messaging), topics `copr.build.start`, `copr.build.end` and
 * `copr.chroot.start`. Older messages wrap the body in `msg`; it is
 * unwrapped first. The submitter is `user`, unless it is namespaced
 * (`github.com:octocat`, not a Fedora account). A start names the
 * submitter as its agent; an end has no agent (copr-messaging: it may be a
 * cancel by anyone with access). The usernames are the submitter and the
 * project's owner when the owner is a user (`@group` owners are not), sorted.
 * Copr packages are not Fedora packages: none are listed.
 */

const unwrap = (body: unknown): unknown => (has(body, 'msg') ? (body as Record<string, unknown>)['msg'] : body);

function submitter(body: unknown): string | null {
  const user = str(unwrap(body), 'user');
  return user === null || user.includes(':') ? null : user;
}

function usernames(body: unknown): string[] {
  const owner = str(unwrap(body), 'owner');
  return sortedNames(submitter(body), owner !== null && !owner.startsWith('@') ? owner : null);
}

export const coprSchemas: MessageSchema[] = [
  ...defineSchemas(['copr.build.start', 'copr.chroot.start'], { agent_name: submitter, usernames, packages: () => [] }),
  ...defineSchemas(['copr.build.end'], { agent_name: () => null, usernames, packages: () => [] }),
];
