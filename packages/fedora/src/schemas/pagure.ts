import type { MessageSchema } from '@accolade/core';
import { names, sortedNames, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Pagure and Fedora's dist-git on it (pagure-messages), topics `pagure.*`
 * from pagure.io and from src.fedoraproject.org alike. The agent is the
 * body's `agent`. Issues and pull requests add their author and assignee
 * to the usernames; git events name the repository as a package (or
 * container, module, flatpak) by its namespace.
 */

const agent = (body: unknown): string | null => str(body, 'agent');

/** Agent, author and assignee of the issue or pull request, sorted. */
const aboutObject = (object: 'issue' | 'pullrequest') => (body: unknown): string[] =>
  sortedNames(agent(body), str(body, object, 'user', 'name'), str(body, object, 'assignee', 'name'));

/** The repository's name when it lives in this namespace. */
const inNamespace = (namespace: string) => (body: unknown): string[] | null => {
  const name = str(body, 'repo', 'name');
  if (name === null) return null;
  return str(body, 'repo', 'namespace') === namespace ? [name] : [];
};

const ISSUE_EVENTS = [
  'new', 'edit', 'drop', 'comment.added', 'comment.edited', 'assigned.added', 'assigned.reset',
  'tag.added', 'tag.removed', 'dependency.added', 'dependency.removed',
];
const PR_EVENTS = [
  'new', 'closed', 'reopened', 'rebased', 'updated', 'comment.added', 'comment.edited', 'initial_comment.edited',
  'flag.added', 'flag.updated', 'assigned.added', 'assigned.reset', 'tag.added', 'tag.removed',
];
const PROJECT_EVENTS = [
  'new', 'edit', 'forked', 'deleted', 'group.added', 'group.removed', 'group.access.updated',
  'tag.edited', 'tag.removed', 'user.added', 'user.removed', 'user.access.updated',
];
const GIT_EVENTS = ['receive', 'branch.creation', 'branch.deletion', 'tag.creation', 'tag.deletion'];

const onlyAgent = { agent_name: agent, usernames: (body: unknown) => names(agent(body)) };

export const pagureSchemas: MessageSchema[] = [
  ...defineSchemas(ISSUE_EVENTS.map((e) => `pagure.issue.${e}`), { agent_name: agent, usernames: aboutObject('issue'), packages: () => [] }),
  ...defineSchemas(PR_EVENTS.map((e) => `pagure.pull-request.${e}`), { agent_name: agent, usernames: aboutObject('pullrequest'), packages: () => [] }),
  ...defineSchemas(PROJECT_EVENTS.map((e) => `pagure.project.${e}`), { ...onlyAgent, packages: () => [] }),
  ...defineSchemas(['pagure.commit.flag.added', 'pagure.commit.flag.updated'], { ...onlyAgent, packages: () => [] }),
  ...defineSchemas(GIT_EVENTS.map((e) => `pagure.git.${e}`), {
    ...onlyAgent,
    packages: inNamespace('rpms'),
    containers: inNamespace('containers'),
    modules: inNamespace('modules'),
    flatpaks: inNamespace('flatpaks'),
  }),
];
