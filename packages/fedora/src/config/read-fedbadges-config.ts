import { readFile } from 'node:fs/promises';
import { TomlError, parse } from 'smol-toml';
import { FedbadgesConfigError } from './fedbadges-config-error.js';
import type { BadgeIssuer, FedbadgesConfig, FedbadgesConfigResult } from './fedbadges-config.js';

type Table = Record<string, unknown>;
const isTable = (v: unknown): v is Table => v !== null && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date);

/** consumer_config keys Accolade reads, with the config field each fills. */
const STRING_KEYS = {
  badges_directory: 'badgesDirectory',
  database_uri: 'databaseUri',
  datanommer_db_uri: 'datanommerDbUri',
  fasjson_base_url: 'fasjsonBaseUrl',
  email_domain: 'emailDomain',
  id_provider_hostname: 'idProviderHostname',
  distgit_hostname: 'distgitHostname',
} as const satisfies Record<string, keyof FedbadgesConfig>;

const ISSUER_KEYS = {
  issuer_id: 'issuerId', issuer_name: 'issuerName', issuer_origin: 'issuerOrigin', issuer_url: 'issuerUrl', issuer_email: 'issuerEmail',
} as const satisfies Record<string, keyof BadgeIssuer>;

/** fedbadges' own keys that have no effect in Accolade: accepted, with a note. */
const FEDBADGES_ONLY = new Set(['consume_delay', 'delay_limit', 'datagrepper_url', 'group_badges', 'cache', 'badges_repo', 'rules_repo_url']);

/** fedora-messaging's top-level settings: Accolade reads three, the rest belong to the Python client and are not noted. */
const MESSAGING_KEYS = new Set([
  'amqp_url', 'callback', 'passive_declares', 'publish_exchange', 'topic_prefix', 'tls', 'client_properties', 'exchanges',
  'queues', 'bindings', 'qos', 'log_config', 'consumer_config',
]);

/**
 * Read fedbadges' TOML config text (the fedora-messaging file whose
 * `[consumer_config]` holds fedbadges' settings). Unknown keys are ignored
 * and noted in `warnings`; a key of the wrong type is a FedbadgesConfigError
 * naming the key and the file.
 */
export function parseFedbadgesConfig(text: string, file: string): FedbadgesConfigResult {
  let doc: Table;
  try {
    doc = parse(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) throw new FedbadgesConfigError('invalid-toml', `not valid TOML: ${error.message.split('\n')[0]}`, { file, line: error.line, column: error.column });
    throw error;
  }
  const warnings: string[] = [];
  const wrong = (path: string, expected: string): never => {
    throw new FedbadgesConfigError('wrong-type', `'${path}' must be ${expected}`, { file, path });
  };
  const string = (table: Table, key: string, path: string): string | undefined => {
    const v = table[key];
    if (v === undefined) return undefined;
    return typeof v === 'string' ? v : wrong(path, 'a string');
  };

  for (const key of Object.keys(doc)) if (!MESSAGING_KEYS.has(key)) warnings.push(`${file}: unknown key '${key}' ignored`);
  const config: FedbadgesConfig = { file, skipUsers: [] };
  const top = { amqp_url: 'amqpUrl', topic_prefix: 'topicPrefix', publish_exchange: 'publishExchange' } as const;
  for (const [key, field] of Object.entries(top)) {
    const v = string(doc, key, key);
    if (v !== undefined) config[field] = v;
  }

  const consumer = doc['consumer_config'];
  if (consumer === undefined) {
    warnings.push(`${file}: no [consumer_config] section: fedbadges' settings are all missing`);
    return { config, warnings };
  }
  if (!isTable(consumer)) wrong('consumer_config', 'a table');
  const cc = consumer as Table;
  for (const [key, value] of Object.entries(cc)) {
    const path = `consumer_config.${key}`;
    if (key in STRING_KEYS) {
      const v = string(cc, key, path);
      if (v !== undefined) config[STRING_KEYS[key as keyof typeof STRING_KEYS]] = v;
    } else if (key === 'skip_users') {
      if (!Array.isArray(value) || !value.every((u) => typeof u === 'string')) wrong(path, 'a list of strings');
      config.skipUsers = [...new Set(value as string[])];
    } else if (key === 'badge_issuer') {
      config.badgeIssuer = readIssuer(value, path, file, warnings, wrong);
    } else if (FEDBADGES_ONLY.has(key)) {
      warnings.push(`${file}: '${path}' is fedbadges' own setting and has no effect in Accolade (ignored)`);
    } else {
      warnings.push(`${file}: unknown key '${path}' ignored`);
    }
  }
  return { config, warnings };
}

function readIssuer(value: unknown, path: string, file: string, warnings: string[], wrong: (path: string, expected: string) => never): BadgeIssuer {
  if (!isTable(value)) return wrong(path, 'a table');
  const issuer: BadgeIssuer = {};
  for (const [key, v] of Object.entries(value)) {
    if (!(key in ISSUER_KEYS)) { warnings.push(`${file}: unknown key '${path}.${key}' ignored`); continue; }
    if (typeof v !== 'string') wrong(`${path}.${key}`, 'a string');
    issuer[ISSUER_KEYS[key as keyof typeof ISSUER_KEYS]] = v as string;
  }
  return issuer;
}

/** Read a fedbadges config file; see parseFedbadgesConfig. */
export async function readFedbadgesConfig(file: string): Promise<FedbadgesConfigResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new FedbadgesConfigError('unreadable', `cannot read the fedbadges config: ${(error as Error).message}`, { file });
  }
  return parseFedbadgesConfig(text, file);
}
