import { type MessageSchema, MessageSchemaRegistry } from '@accolade/core';
import { anityaSchemas } from './anitya.js';
import { badgesSchemas } from './badges.js';
import { bodhiSchemas } from './bodhi.js';
import { coprSchemas } from './copr.js';
import { discourseSchemas } from './discourse.js';
import { distgitSchemas } from './distgit.js';
import { fasSchemas } from './fas.js';
import { fedocalSchemas } from './fedocal.js';
import { kojiSchemas } from './koji.js';
import { mailmanSchemas } from './mailman.js';
import { meetbotSchemas } from './meetbot.js';
import { pagureSchemas } from './pagure.js';
import { planetSchemas } from './planet.js';
import { wikiSchemas } from './wiki.js';

/** Every Fedora topic the preset knows, by family. */
export const FEDORA_SCHEMA_FAMILIES: Readonly<Record<string, readonly MessageSchema[]>> = {
  bodhi: bodhiSchemas,
  koji: kojiSchemas,
  pagure: pagureSchemas,
  distgit: distgitSchemas,
  fas: fasSchemas,
  meetbot: meetbotSchemas,
  wiki: wikiSchemas,
  planet: planetSchemas,
  discourse: discourseSchemas,
  copr: coprSchemas,
  anitya: anityaSchemas,
  fedocal: fedocalSchemas,
  mailman: mailmanSchemas,
  badges: badgesSchemas,
};

/**
 * A registry of Fedora's message schemas. Topics match on their suffix
 * (`org.fedoraproject.prod.bodhi.update.comment`, `io.pagure.prod.pagure.…`,
 * `org.release-monitoring.prod.anitya.…`); topics it does not know fall
 * back to the fedora-messaging headers, as without a schema.
 */
export function fedoraSchemas(): MessageSchemaRegistry {
  return new MessageSchemaRegistry(Object.values(FEDORA_SCHEMA_FAMILIES).flat());
}
