import { AccoladeError } from '@accolade/core';

export type FedbadgesConfigErrorCode = 'unreadable' | 'invalid-toml' | 'wrong-type';

/** A fedbadges config file that cannot be used: it names the file and, for a wrong type, the key (`consumer_config.skip_users`). */
export class FedbadgesConfigError extends AccoladeError {
  constructor(readonly code: FedbadgesConfigErrorCode, message: string, location: { file: string; line?: number; column?: number; path?: string }) {
    super(message, location);
  }
}
