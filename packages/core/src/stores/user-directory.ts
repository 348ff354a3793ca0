import type { MaybePromise } from './maybe-promise.js';

/** The `recipient_<kind>2fas` converters a rule may ask for. */
export const RECIPIENT_CONVERTERS = ['nick', 'email', 'openid', 'github', 'distgit', 'krb'] as const;
export type RecipientConverter = (typeof RECIPIENT_CONVERTERS)[number];

/** Who exists, and which account a nick, e-mail, OpenID... belongs to. */
export interface UserDirectory {
  exists(user: string): MaybePromise<boolean>;
  /** The account for a value of the given kind, or null when there is none. */
  resolve(kind: RecipientConverter, value: string): MaybePromise<string | null>;
}
