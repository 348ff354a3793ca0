import type { MessageSchema } from '@accolade/core';
import { names, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Koji (koji-fedoramessaging-messages), topics `buildsys.*`. Builds, tasks
 * and package lists name their owner as the agent; tags name the user who
 * tagged (the owner is among the usernames too). Owners are taken as they
 * are, Kerberos-style instances included (`mbs/mbs.fedoraproject.org`):
 * `recipient_krb2fas` is how a rule turns them into accounts. Repos have no
 * agent.
 */

const one = (name: string | null): string[] => (name ? [name] : []);

export const kojiSchemas: MessageSchema[] = [
  ...defineSchemas(['buildsys.build.state.change'], {
    agent_name: (b) => str(b, 'owner'),
    usernames: (b) => one(str(b, 'owner')),
    packages: (b) => one(str(b, 'name')),
  }),
  ...defineSchemas(['buildsys.tag', 'buildsys.untag'], {
    agent_name: (b) => str(b, 'user'),
    usernames: (b) => names(str(b, 'user'), str(b, 'owner')),
    packages: (b) => one(str(b, 'name')),
  }),
  ...defineSchemas(['buildsys.task.state.change'], {
    agent_name: (b) => str(b, 'owner'),
    usernames: (b) => one(str(b, 'owner')),
    packages: () => [],
  }),
  ...defineSchemas(['buildsys.package.list.change'], {
    agent_name: (b) => str(b, 'owner'),
    usernames: (b) => one(str(b, 'owner')),
    packages: (b) => one(str(b, 'package')),
  }),
  ...defineSchemas(['buildsys.rpm.sign'], {
    agent_name: (b) => str(b, 'build', 'owner_name'),
    usernames: (b) => one(str(b, 'build', 'owner_name')),
    packages: (b) => one(str(b, 'build', 'name')),
  }),
  ...defineSchemas(['buildsys.repo.init', 'buildsys.repo.done'], {
    agent_name: () => null,
    usernames: () => [],
    packages: () => [],
  }),
];
