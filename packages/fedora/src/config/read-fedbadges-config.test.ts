import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FedbadgesConfigError } from './fedbadges-config-error.js';
import { parseFedbadgesConfig, readFedbadgesConfig } from './read-fedbadges-config.js';

/** Shaped like fedbadges' fedbadges.toml.example, with the settings production adds. */
const EXAMPLE = `
amqp_url = "amqp://localhost/%2Fpubsub"
callback = "fedbadges.consumer:FedoraBadgesConsumer"
publish_exchange = "amq.topic"
topic_prefix = "org.fedoraproject.prod"

[tls]
ca_cert = "/etc/fedora-messaging/cacert.pem"

[[bindings]]
queue = "fedbadges"
exchange = "amq.topic"
routing_keys = ["#"]

[consumer_config]
badges_directory = "/usr/share/badges/rules"
consume_delay = 1
database_uri = "postgresql://tahrir@db01/tahrir"
datanommer_db_uri = "postgresql://datanommer@db01/datanommer2"
datagrepper_url = "https://apps.fedoraproject.org/datagrepper"
distgit_hostname = "src.fedoraproject.org"
id_provider_hostname = "id.fedoraproject.org"
fasjson_base_url = "https://fasjson.fedoraproject.org"
email_domain = "fedoraproject.org"
skip_users = ["bodhi", "koji", "anitya", "zodbot"]
sparkles = true

[consumer_config.badge_issuer]
issuer_id = "fedora"
issuer_name = "Fedora Project"
issuer_origin = "http://badges.fedoraproject.com"
issuer_url = "http://fedoraproject.org"
issuer_email = "badges@fedoraproject.org"

[[consumer_config.group_badges]]
group = "cla_done"
badge = "involvement"

[qos]
prefetch_count = 25
`;

describe('the fedbadges config reader', () => {
  it("reads the settings that matter, under fedbadges' own key names", () => {
    const { config } = parseFedbadgesConfig(EXAMPLE, 'fedbadges.toml');
    expect(config).toEqual({
      file: 'fedbadges.toml',
      amqpUrl: 'amqp://localhost/%2Fpubsub', topicPrefix: 'org.fedoraproject.prod', publishExchange: 'amq.topic',
      badgesDirectory: '/usr/share/badges/rules',
      databaseUri: 'postgresql://tahrir@db01/tahrir', datanommerDbUri: 'postgresql://datanommer@db01/datanommer2',
      distgitHostname: 'src.fedoraproject.org', idProviderHostname: 'id.fedoraproject.org',
      fasjsonBaseUrl: 'https://fasjson.fedoraproject.org', emailDomain: 'fedoraproject.org',
      skipUsers: ['bodhi', 'koji', 'anitya', 'zodbot'],
      badgeIssuer: { issuerId: 'fedora', issuerName: 'Fedora Project', issuerOrigin: 'http://badges.fedoraproject.com', issuerUrl: 'http://fedoraproject.org', issuerEmail: 'badges@fedoraproject.org' },
    });
  });

  it('ignores unknown keys and fedbadges-only settings, with a note each (returned, never printed)', () => {
    const { warnings } = parseFedbadgesConfig(`${EXAMPLE}\n[extra]\nx = 1\n`, 'fedbadges.toml');
    expect(warnings).toEqual([
      "fedbadges.toml: unknown key 'extra' ignored",
      "fedbadges.toml: 'consumer_config.consume_delay' is fedbadges' own setting and has no effect in Accolade (ignored)",
      "fedbadges.toml: 'consumer_config.datagrepper_url' is fedbadges' own setting and has no effect in Accolade (ignored)",
      "fedbadges.toml: unknown key 'consumer_config.sparkles' ignored",
      "fedbadges.toml: 'consumer_config.group_badges' is fedbadges' own setting and has no effect in Accolade (ignored)",
    ]);
  });

  it('a wrong type is an error naming the key and the file', () => {
    const attempt = (toml: string) => { try { parseFedbadgesConfig(toml, 'prod.toml'); } catch (e) { return e; } return null; };
    const skip = attempt('[consumer_config]\nskip_users = "bodhi"\n');
    expect(skip).toBeInstanceOf(FedbadgesConfigError);
    expect(skip).toMatchObject({ code: 'wrong-type', file: 'prod.toml', path: 'consumer_config.skip_users' });
    expect((skip as FedbadgesConfigError).format()).toBe("prod.toml: 'consumer_config.skip_users' must be a list of strings");
    expect(attempt('[consumer_config]\nfasjson_base_url = 42\n')).toMatchObject({ path: 'consumer_config.fasjson_base_url', message: "'consumer_config.fasjson_base_url' must be a string" });
    expect(attempt('[consumer_config]\nbadge_issuer = "fedora"\n')).toMatchObject({ path: 'consumer_config.badge_issuer' });
    expect(attempt('[consumer_config.badge_issuer]\nissuer_id = 1\n')).toMatchObject({ path: 'consumer_config.badge_issuer.issuer_id' });
    expect(attempt('topic_prefix = ["a"]\n')).toMatchObject({ path: 'topic_prefix' });
  });

  it('invalid TOML is an error with the line; a file without consumer_config gets a note', () => {
    expect(() => parseFedbadgesConfig('[consumer_config\nx = 1', 'bad.toml')).toThrow(FedbadgesConfigError);
    try { parseFedbadgesConfig('a = 1\nb = = 2\n', 'bad.toml'); } catch (e) { expect(e).toMatchObject({ code: 'invalid-toml', file: 'bad.toml', line: 2 }); }
    expect(parseFedbadgesConfig('amqp_url = "amqp://x"\n', 'f.toml').warnings).toEqual(["f.toml: no [consumer_config] section: fedbadges' settings are all missing"]);
  });

  it('reads a file; an unreadable one is an error naming it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'fedbadges-config-'));
    try {
      const file = join(dir, 'fedbadges.toml');
      await writeFile(file, EXAMPLE);
      expect((await readFedbadgesConfig(file)).config.skipUsers).toEqual(['bodhi', 'koji', 'anitya', 'zodbot']);
      await expect(readFedbadgesConfig(join(dir, 'missing.toml'))).rejects.toMatchObject({ code: 'unreadable', file: join(dir, 'missing.toml') });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
