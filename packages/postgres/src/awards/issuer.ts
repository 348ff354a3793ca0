/** The issuer tahrir records on every badge (fedbadges reads it from its `badge_issuer` config). */
export interface IssuerConfig {
  origin: string;
  name: string;
  org: string;
  contact: string;
}

export const DEFAULT_ISSUER: IssuerConfig = {
  origin: 'https://badges.fedoraproject.org',
  name: 'Fedora Project',
  org: 'https://fedoraproject.org',
  contact: 'badges@fedoraproject.org',
};
