import type { MessageSchema } from '@accolade/core';
import { at, has, list, packageOfNvr, sortedNames, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Bodhi (bodhi-messages). The agent is the body's `agent` (a comment's is
 * its author); usernames are the agent, the users @-mentioned in a
 * comment, and the update's submitter; packages come from the update's
 * builds (the part of each NVR before the last two dashes).
 */

/** `@name` preceded by a blank or the start of the text, as bodhi finds mentions. */
const MENTION = /(?<!\S)@([\p{L}\p{N}_]+)/gu;

function mentions(body: unknown): string[] {
  if (!has(body, 'comment')) return [];
  const text = str(body, 'comment', 'text') ?? '';
  return [...text.matchAll(MENTION)].map((m) => m[1]!);
}

/** The update a message is about: the body's, or the commented one. */
const updateOf = (body: unknown): unknown => (has(body, 'comment', 'update') ? at(body, 'comment', 'update') : at(body, 'update'));

function buildPackages(update: unknown): string[] | null {
  const builds = list(update, 'builds');
  if (builds === null) return null;
  return builds.map((b) => str(b, 'nvr')).filter((n): n is string => n !== null).map(packageOfNvr);
}

const agent = (body: unknown): string | null => str(body, 'agent');

/** Every message about an update: submitter among the usernames, packages from the builds. */
const updateParts = (agentOf: (body: unknown) => string | null) => ({
  agent_name: agentOf,
  usernames: (body: unknown) => {
    const update = updateOf(body);
    if (update === undefined) return null;
    return sortedNames(agentOf(body), ...mentions(body), str(update, 'user', 'name'));
  },
  packages: (body: unknown) => buildPackages(updateOf(body)),
});

const commentAuthor = (body: unknown): string | null => str(body, 'comment', 'user', 'name');

const UPDATE_TOPICS = [
  'bodhi.update.complete.stable', 'bodhi.update.complete.testing', 'bodhi.update.edit', 'bodhi.update.eject',
  'bodhi.update.karma.threshold.reach', 'bodhi.update.request.revoke', 'bodhi.update.request.stable',
  'bodhi.update.request.testing', 'bodhi.update.request.unpush', 'bodhi.update.request.obsolete',
  'bodhi.update.requirements_met.stable', 'bodhi.update.status.testing.koji-build-group.build.complete',
];

const COMPOSE_TOPICS = ['bodhi.compose.start', 'bodhi.compose.composing', 'bodhi.compose.complete', 'bodhi.compose.sync.wait', 'bodhi.compose.sync.done', 'bodhi.repo.done'];

/**
 * The ready-for-testing messages of versions 1 and 2 list their builds in
 * `artifact`, each with an issuer and a component; version 3 is an update
 * message like the others (its artifact builds have neither).
 */
function readyForTesting(body: unknown, field: 'issuer' | 'component'): string[] | null {
  const builds = list(body, 'artifact', 'builds');
  if (builds === null || !builds.some((b) => has(b, 'component'))) return null;
  return builds.map((b) => str(b, field)).filter((n): n is string => n !== null);
}

export const bodhiSchemas: MessageSchema[] = [
  ...defineSchemas(['bodhi.update.comment'], updateParts(commentAuthor)),
  ...defineSchemas(UPDATE_TOPICS.filter((t) => !t.includes('koji-build-group')), updateParts(agent)),
  ...defineSchemas(['bodhi.update.status.testing.koji-build-group.build.complete'], {
    agent_name: agent,
    usernames: (body) => {
      const issuers = readyForTesting(body, 'issuer');
      return issuers === null ? updateParts(agent).usernames(body) : sortedNames(...issuers, agent(body));
    },
    packages: (body) => {
      const components = readyForTesting(body, 'component');
      return components === null ? buildPackages(updateOf(body)) : sortedNames(...components);
    },
  }),
  ...defineSchemas(['bodhi.buildroot_override.tag', 'bodhi.buildroot_override.untag'], {
    agent_name: (body) => str(body, 'override', 'submitter', 'name'),
    usernames: (body) => sortedNames(str(body, 'override', 'submitter', 'name')),
    packages: (body) => {
      const nvr = str(body, 'override', 'nvr');
      return nvr === null ? null : [packageOfNvr(nvr)];
    },
  }),
  ...defineSchemas(COMPOSE_TOPICS, {
    agent_name: agent,
    usernames: (body) => sortedNames(agent(body)),
    packages: () => [],
  }),
];
