import type { MessageSchemaRegistry, UserDirectory } from '@accolade/core';
import { FasjsonDirectory, type FasjsonDirectoryOptions } from './accounts/fasjson-directory.js';
import type { BadgeIssuer, FedbadgesConfig } from './config/fedbadges-config.js';
import { fedoraSchemas } from './schemas/fedora-schemas.js';

export interface FedoraPresetOptions {
  /** FASJSON's address; wins over the config's `fasjson_base_url`. Without either, there is no account directory. */
  fasjsonUrl?: string;
  /** A fedbadges config (readFedbadgesConfig): host names, e-mail domain, skip list, FASJSON address. */
  config?: FedbadgesConfig;
  /** Timeouts, retries, cache size and the like for FASJSON. */
  fasjson?: Omit<FasjsonDirectoryOptions, 'baseUrl'>;
}

export interface FedoraPreset {
  /** Fedora's message schemas (pass as the engine's `schemas`, and to createMessage for history). */
  schemas: MessageSchemaRegistry;
  /** Accounts through FASJSON, when an address is known (the engine's `users`). */
  users?: UserDirectory;
  /** fedbadges' `skip_users` (the engine's `options.skipUsers`). */
  skipUsers: string[];
  /** The FASJSON address used, if any. */
  fasjsonUrl?: string;
  /** The config's `datanommer_db_uri`: the history store (datanommer's database). */
  historyUrl?: string;
  /** The config's `database_uri`: the award store (tahrir's database). */
  awardsUrl?: string;
  /** The config's `email_domain` (accounts' addresses, tahrir's people). */
  emailDomain?: string;
  /** The config's `[consumer_config.badge_issuer]`. */
  badgeIssuer?: BadgeIssuer;
}

/** Everything `--preset fedora` sets up, for any host of the engine (the CLI, `serve`, an embedding service). */
export function fedoraPreset(options: FedoraPresetOptions = {}): FedoraPreset {
  const { config } = options;
  const fasjsonUrl = options.fasjsonUrl ?? config?.fasjsonBaseUrl;
  const preset: FedoraPreset = {
    schemas: fedoraSchemas(),
    skipUsers: [...(config?.skipUsers ?? [])],
    ...(config?.datanommerDbUri === undefined ? {} : { historyUrl: config.datanommerDbUri }),
    ...(config?.databaseUri === undefined ? {} : { awardsUrl: config.databaseUri }),
    ...(config?.emailDomain === undefined ? {} : { emailDomain: config.emailDomain }),
    ...(config?.badgeIssuer === undefined ? {} : { badgeIssuer: { ...config.badgeIssuer } }),
  };
  if (fasjsonUrl !== undefined && fasjsonUrl !== '') {
    preset.fasjsonUrl = fasjsonUrl;
    preset.users = new FasjsonDirectory({
      ...options.fasjson,
      baseUrl: fasjsonUrl,
      ...(config?.emailDomain === undefined ? {} : { emailDomain: config.emailDomain }),
      ...(config?.idProviderHostname === undefined ? {} : { idProviderHostname: config.idProviderHostname }),
      ...(config?.distgitHostname === undefined ? {} : { distgitHostname: config.distgitHostname }),
    });
  }
  return preset;
}
