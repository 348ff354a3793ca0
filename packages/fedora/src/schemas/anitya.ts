import type { MessageSchema } from '@accolade/core';
import { list, names, str } from './body.js';
import { defineSchemas } from './define.js';

/**
 * Anitya, release-monitoring.org (anitya-schema), topics `anitya.*`. The
 * agent is `message.agent` (often `anitya` itself for version checks).
 * Packages are Fedora's: a new or edited mapping when its distribution is
 * Fedora, and a new version's Fedora mappings.
 */

const agent = (body: unknown): string | null => str(body, 'message', 'agent');
const base = { agent_name: agent, usernames: (body: unknown) => names(agent(body)) };

function fedoraMapping(body: unknown): string[] {
  const distro = str(body, 'distro', 'name') ?? str(body, 'message', 'distro');
  const name = str(body, 'message', 'new');
  return distro === 'Fedora' && name !== null ? [name] : [];
}

function fedoraPackages(body: unknown): string[] {
  const packages = list(body, 'message', 'packages') ?? [];
  return names(...packages.filter((p) => str(p, 'distro') === 'Fedora').map((p) => str(p, 'package_name')));
}

const PLAIN = [
  'anitya.project.add', 'anitya.project.edit', 'anitya.project.remove', 'anitya.project.flag', 'anitya.project.flag.set',
  'anitya.project.map.remove', 'anitya.project.version.remove', 'anitya.project.version.remove.v2',
  'anitya.distro.add', 'anitya.distro.edit', 'anitya.distro.remove',
];

export const anityaSchemas: MessageSchema[] = [
  ...defineSchemas(PLAIN, { ...base, packages: () => [] }),
  ...defineSchemas(['anitya.project.map.new', 'anitya.project.map.update'], { ...base, packages: fedoraMapping }),
  ...defineSchemas(['anitya.project.version.update', 'anitya.project.version.update.v2'], { ...base, packages: fedoraPackages }),
];
