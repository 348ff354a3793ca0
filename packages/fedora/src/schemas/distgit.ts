import type { MessageSchema } from '@accolade/core';
import { names, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Pushes to Fedora's dist-git, topic `git.receive`
 * (fedora-messaging-git-hook-messages). The agent is the body's `agent`,
 * the pusher; the commit's repository is a package when its namespace is
 * `rpms`, a container for `container` (singular, as the hook writes it), a
 * module for `modules`, a flatpak for `flatpaks`.
 */

const inNamespace = (namespace: string) => (body: unknown): string[] | null => {
  const repo = str(body, 'commit', 'repo');
  if (repo === null) return null;
  return str(body, 'commit', 'namespace') === namespace ? [repo] : [];
};

export const distgitSchemas: MessageSchema[] = defineSchemas(['git.receive'], {
  agent_name: (body) => str(body, 'agent'),
  usernames: (body) => names(str(body, 'agent')),
  groups: (body) => names(str(body, 'group')),
  packages: inNamespace('rpms'),
  containers: inNamespace('container'),
  modules: inNamespace('modules'),
  flatpaks: inNamespace('flatpaks'),
});
