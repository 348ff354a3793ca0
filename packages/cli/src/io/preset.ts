import type { MessageSchemaRegistry, UserDirectory } from '@accolade/core';
import { type BadgeIssuer, FedbadgesConfigError, type FedbadgesConfig, fedoraPreset, readFedbadgesConfig } from '@accolade/fedora';
import { type Command, Option } from 'commander';
import { type CliIo, UsageError } from './cli-io.js';

/** The options `--preset fedora` brings to a command. */
export interface PresetCliOptions {
  preset?: 'fedora';
  fasjson?: string;
  fedbadgesConfig?: string;
}

/** What a command hands the engine (and its message readers) for the preset. */
export interface PresetSetup {
  /** Message schemas for every message read (history too), or none. */
  schemas?: MessageSchemaRegistry;
  /** Accounts (FASJSON), or none: everyone exists and converters pass values through. */
  users?: UserDirectory;
  /** fedbadges' skip_users, to add to the command's own. */
  skipUsers: string[];
  /** From a fedbadges config: `datanommer_db_uri`, the history store's URL (a command's own option wins). */
  historyUrl?: string;
  /** From a fedbadges config: `database_uri`, the award store's (tahrir's) URL (a command's own option wins). */
  awardsUrl?: string;
  /** From a fedbadges config: `email_domain`. */
  emailDomain?: string;
  /** From a fedbadges config: `[consumer_config.badge_issuer]`. */
  badgeIssuer?: BadgeIssuer;
}

/** Add `--preset`, `--fasjson` and `--fedbadges-config` to a command. */
export function addPresetOptions(command: Command): Command {
  return command
    .addOption(new Option('--preset <name>', "a community's knowledge: message schemas of its topics, its accounts").choices(['fedora']))
    .option('--fasjson <url>', 'with --preset fedora: FASJSON, for the recipient_*2fas converters and the account check (default $ACCOLADE_FASJSON_URL, else the config\'s fasjson_base_url)')
    .option('--fedbadges-config <file>', "with --preset fedora: fedbadges' TOML config (skip_users, email_domain, host names, fasjson_base_url)");
}

/**
 * Turn the parsed options into the engine's inputs: the schemas registry,
 * the user directory (FASJSON), the skip list, and the store URLs and
 * issuer a fedbadges config names. Every command that takes `--preset`
 * calls this, `serve` included. Notes about a fedbadges config (keys it
 * ignores) go to stderr; a config that cannot be used, or preset options
 * without `--preset`, are usage errors.
 */
export async function presetFromOptions(options: PresetCliOptions, io: CliIo, env: NodeJS.ProcessEnv = process.env): Promise<PresetSetup> {
  if (options.preset === undefined) {
    if (options.fasjson !== undefined) throw new UsageError('--fasjson needs --preset fedora');
    if (options.fedbadgesConfig !== undefined) throw new UsageError('--fedbadges-config needs --preset fedora');
    return { skipUsers: [] };
  }
  let config: FedbadgesConfig | undefined;
  if (options.fedbadgesConfig !== undefined) {
    try {
      const read = await readFedbadgesConfig(options.fedbadgesConfig);
      for (const warning of read.warnings) io.stderr(`accolade: ${warning}\n`);
      config = read.config;
    } catch (error) {
      if (error instanceof FedbadgesConfigError) throw new UsageError(error.format());
      throw error;
    }
  }
  const fasjsonUrl = options.fasjson ?? (env['ACCOLADE_FASJSON_URL'] || undefined);
  const preset = fedoraPreset({ ...(fasjsonUrl === undefined ? {} : { fasjsonUrl }), ...(config === undefined ? {} : { config }) });
  if (preset.fasjsonUrl !== undefined && !/^https?:\/\//.test(preset.fasjsonUrl)) throw new UsageError(`the FASJSON address must be http(s)://..., got '${preset.fasjsonUrl}'`);
  const { schemas, users, skipUsers, historyUrl, awardsUrl, emailDomain, badgeIssuer } = preset;
  return {
    schemas, skipUsers,
    ...(users === undefined ? {} : { users }),
    ...(historyUrl === undefined ? {} : { historyUrl }),
    ...(awardsUrl === undefined ? {} : { awardsUrl }),
    ...(emailDomain === undefined ? {} : { emailDomain }),
    ...(badgeIssuer === undefined ? {} : { badgeIssuer }),
  };
}

/** A `--users` list decides who exists; the preset's directory still converts nicks, e-mails... */
export function withKnownUsers(known: UserDirectory | undefined, preset: UserDirectory | undefined): UserDirectory | undefined {
  if (known === undefined || preset === undefined) return known ?? preset;
  return { exists: (user) => known.exists(user), resolve: (kind, value) => preset.resolve(kind, value) };
}
