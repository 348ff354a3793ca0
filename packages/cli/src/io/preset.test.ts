import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliIo, UsageError } from './cli-io.js';
import { presetFromOptions } from './preset.js';

const dirs: string[] = [];
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(join(tmpdir(), 'accolade-preset-'));
  dirs.push(dir);
  return dir;
};
afterEach(async () => { for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true }); });

const captured = (): CliIo & { err: string[] } => {
  const err: string[] = [];
  return { err, stdout: () => {}, stderr: (text: string) => { err.push(text); }, stderrIsTty: false };
};

const CONFIG = `amqp_url = "amqp://localhost"
topic_prefix = "org.fedoraproject.prod"

[consumer_config]
datanommer_db_uri = "postgresql://datanommer@db/datanommer"
database_uri = "postgresql://tahrir@db/tahrir"
fasjson_base_url = "https://fasjson.example.org"
email_domain = "fedoraproject.org"
skip_users = ["bodhi", "packagerbot"]
consume_delay = 3

[consumer_config.badge_issuer]
issuer_id = "fedora-project"
issuer_name = "Fedora Project"
issuer_origin = "https://badges.fedoraproject.org"
`;

describe('presetFromOptions (what replay, explain, test, eval and serve hand the engine)', () => {
  it('without --preset: nothing, and preset options alone are usage errors', async () => {
    const io = captured();
    expect(await presetFromOptions({}, io, {})).toEqual({ skipUsers: [] });
    await expect(presetFromOptions({ fasjson: 'http://x' }, io, {})).rejects.toThrow(UsageError);
    await expect(presetFromOptions({ fedbadgesConfig: 'f.toml' }, io, {})).rejects.toThrow('--fedbadges-config needs --preset fedora');
  });

  it("with a fedbadges config: schemas, FASJSON accounts, skip users, the stores' URLs and the issuer; ignored keys noted", async () => {
    const dir = await tempDir();
    const file = join(dir, 'fedbadges.toml');
    await writeFile(file, CONFIG);
    const io = captured();
    const setup = await presetFromOptions({ preset: 'fedora', fedbadgesConfig: file }, io, {});
    expect(setup.schemas?.lookup('org.fedoraproject.prod.bodhi.update.comment')).toBeDefined();
    expect(setup.users).toBeDefined();
    expect(setup.skipUsers).toEqual(['bodhi', 'packagerbot']);
    expect(setup.historyUrl).toBe('postgresql://datanommer@db/datanommer');
    expect(setup.awardsUrl).toBe('postgresql://tahrir@db/tahrir');
    expect(setup.emailDomain).toBe('fedoraproject.org');
    expect(setup.badgeIssuer).toEqual({ issuerId: 'fedora-project', issuerName: 'Fedora Project', issuerOrigin: 'https://badges.fedoraproject.org' });
    expect(io.err.join('')).toContain("'consumer_config.consume_delay' is fedbadges' own setting");
  });

  it('FASJSON: --fasjson, else $ACCOLADE_FASJSON_URL; none means no directory; a non-http address is a usage error', async () => {
    const io = captured();
    expect((await presetFromOptions({ preset: 'fedora' }, io, {})).users).toBeUndefined();
    expect((await presetFromOptions({ preset: 'fedora' }, io, { ACCOLADE_FASJSON_URL: 'http://127.0.0.1:1' })).users).toBeDefined();
    await expect(presetFromOptions({ preset: 'fedora', fasjson: 'ldap://x' }, io, {})).rejects.toThrow("the FASJSON address must be http(s)://..., got 'ldap://x'");
  });

  it('a config key of the wrong type is a usage error naming the file and the key', async () => {
    const dir = await tempDir();
    const file = join(dir, 'bad.toml');
    await writeFile(file, '[consumer_config]\ndatanommer_db_uri = 5\n');
    await expect(presetFromOptions({ preset: 'fedora', fedbadgesConfig: file }, captured(), {})).rejects.toThrow(`${file}: 'consumer_config.datanommer_db_uri' must be a string`);
  });
});
