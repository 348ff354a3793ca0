/** The options of a fedbadges config file that matter to evaluating and awarding badges. */
export interface FedbadgesConfig {
  /** The file it was read from. */
  file: string;
  /** `badges_directory`: where the rules are. */
  badgesDirectory?: string;
  /** `database_uri`: tahrir's database (the awards). */
  databaseUri?: string;
  /** `datanommer_db_uri`: datanommer's database (the history). */
  datanommerDbUri?: string;
  /** `fasjson_base_url`. */
  fasjsonBaseUrl?: string;
  /** `email_domain`: accounts' addresses are `<user>@<email_domain>` (tahrir's people, `email2fas`). */
  emailDomain?: string;
  /** `id_provider_hostname`, for `recipient_openid2fas`. */
  idProviderHostname?: string;
  /** `distgit_hostname`, for `recipient_distgit2fas`. */
  distgitHostname?: string;
  /** `skip_users`: names that never receive badges. */
  skipUsers: string[];
  /** `[consumer_config.badge_issuer]`: the issuer recorded with the badges. */
  badgeIssuer?: BadgeIssuer;
  /** fedora-messaging's `topic_prefix` (awards are announced under it). */
  topicPrefix?: string;
  /** fedora-messaging's `amqp_url`. */
  amqpUrl?: string;
  /** fedora-messaging's `publish_exchange`. */
  publishExchange?: string;
}

export interface BadgeIssuer {
  issuerId?: string;
  issuerName?: string;
  issuerOrigin?: string;
  issuerUrl?: string;
  issuerEmail?: string;
}

/** A config and the notes about what in it was ignored (the library never prints them). */
export interface FedbadgesConfigResult {
  config: FedbadgesConfig;
  warnings: string[];
}
