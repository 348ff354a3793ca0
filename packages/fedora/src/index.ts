export { fedoraPreset, type FedoraPreset, type FedoraPresetOptions } from './preset.js';

export { fedoraSchemas, FEDORA_SCHEMA_FAMILIES } from './schemas/fedora-schemas.js';

export { FasjsonDirectory, type FasjsonDirectoryOptions } from './accounts/fasjson-directory.js';
export { FasjsonHttp, type FasjsonHttpOptions, type FasjsonAnswer } from './accounts/fasjson-http.js';
export { FasjsonError, type FasjsonErrorCode } from './accounts/fasjson-error.js';
export { BoundedCache } from './accounts/bounded-cache.js';
export { openid2fas, distgit2fas, krb2fas, githubLogin, FEDORA_HOSTS, type ConverterHosts } from './accounts/pure-converters.js';

export { readFedbadgesConfig, parseFedbadgesConfig } from './config/read-fedbadges-config.js';
export { FedbadgesConfigError, type FedbadgesConfigErrorCode } from './config/fedbadges-config-error.js';
export type { FedbadgesConfig, FedbadgesConfigResult, BadgeIssuer } from './config/fedbadges-config.js';
