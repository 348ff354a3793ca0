/**
 * How awards name a person: tahrir keys persons by e-mail, and fedbadges
 * awards `<user>@fedoraproject.org`. Another community sets its own domain
 * or its own mapping.
 */
export type PersonEmail = (user: string) => string;

export const personEmailForDomain = (domain: string): PersonEmail => (user) => `${user}@${domain}`;

export const FEDORA_EMAIL_DOMAIN = 'fedoraproject.org';
