/**
 * The recipient converters that need no lookup, as fedbadges has them: the
 * account name is part of the value. A value that does not have the
 * expected form is returned unchanged (the "does this account exist" check
 * then drops it, as in fedbadges).
 */

export interface ConverterHosts {
  /** fedbadges' `id_provider_hostname`: OpenID URLs are `https://<user>.<host>`. */
  idProviderHostname: string;
  /** fedbadges' `distgit_hostname`: user pages are `https://<host>/user/<user>`. */
  distgitHostname: string;
}

export const FEDORA_HOSTS: ConverterHosts = { idProviderHostname: 'id.fedoraproject.org', distgitHostname: 'src.fedoraproject.org' };

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** `http(s)://ralph.id.fedoraproject.org` → `ralph`. */
export function openid2fas(openid: string, hosts: Pick<ConverterHosts, 'idProviderHostname'> = FEDORA_HOSTS): string {
  const m = new RegExp(`^https?://([a-z][a-z0-9]+)\\.${escape(hosts.idProviderHostname)}$`).exec(openid);
  return m?.[1] ?? openid;
}

/** `https://src.fedoraproject.org/user/ralph` → `ralph`. */
export function distgit2fas(uri: string, hosts: Pick<ConverterHosts, 'distgitHostname'> = FEDORA_HOSTS): string {
  const m = new RegExp(`^https?://${escape(hosts.distgitHostname)}/user/([a-z][a-z0-9]+)$`).exec(uri);
  return m?.[1] ?? uri;
}

/** A Kerberos principal's first component: `ralph/admin@FEDORAPROJECT.ORG` → `ralph`, `bodhi/bodhi.fedoraproject.org` → `bodhi`. */
export function krb2fas(name: string): string {
  return name.includes('/') ? name.split('/')[0]! : name;
}

/** The GitHub login in an API user URL, `https://api.github.com/users/octocat` → `octocat`; null for anything else. */
export function githubLogin(uri: string): string | null {
  return /^https?:\/\/api\.github\.com\/users\/([a-z][a-z0-9-]+)$/.exec(uri)?.[1] ?? null;
}
