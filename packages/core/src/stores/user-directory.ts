import type { MaybePromise } from './maybe-promise.js';

/** The `recipient_<kind>2fas` converters a rule may ask for. */
export const RECIPIENT_CONVERTERS = ['nick', 'email', 'openid', 'github', 'distgit', 'krb'] as const;
export type RecipientConverter = (typeof RECIPIENT_CONVERTERS)[number];

/** Who exists, and which account a nick, e-mail, OpenID... belongs to. */
export interface UserDirectory {
  exists(user: string): MaybePromise<boolean>;
  /**
   * The account for a value of the given kind, or null when there is none.
   * The engine asks what fedbadges 2.1 asks FASJSON: `nick` with the nick as
   * written, `email` with addresses not at `@fedoraproject.org` (those are
   * their account without asking), `github` with the login taken out of the
   * API user URL (other values are no one). `openid`, `distgit` and `krb`
   * get the value as the rule gave it; the directory applies fedbadges'
   * string rule with its own host names and keeps a value of another form.
   */
  resolve(kind: RecipientConverter, value: string): MaybePromise<string | null>;
}
