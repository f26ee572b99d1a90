/** Regions, hosts and the path prefix (`/sandbox/v2`, `/live/v2` or `/v2`) that a configuration implies. */
import { AmazonPayConfigError } from './errors.js';

const REGIONS = {
  na: { code: 'na', host: 'pay-api.amazon.com' },
  eu: { code: 'eu', host: 'pay-api.amazon.eu' },
  jp: { code: 'jp', host: 'pay-api.amazon.jp' },
} as const;

/** Aliases the official SDKs accept, matched case-insensitively. */
const REGION_ALIASES: Record<string, keyof typeof REGIONS> = {
  na: 'na',
  us: 'na',
  eu: 'eu',
  de: 'eu',
  uk: 'eu',
  jp: 'jp',
};

/** The region code an alias names (`us` -> `na`, `DE` -> `eu`), or undefined for an unknown one. */
export function regionCode(alias: string): keyof typeof REGIONS | undefined {
  return Object.prototype.hasOwnProperty.call(REGION_ALIASES, alias.toLowerCase())
    ? REGION_ALIASES[alias.toLowerCase()]
    : undefined;
}

/** The region an Amazon Pay host serves (by its `amazon.com|eu|jp` domain); undefined for any other host. */
export function regionOfHost(hostname: string): keyof typeof REGIONS | undefined {
  const host = hostname.toLowerCase();
  for (const region of Object.values(REGIONS)) {
    const domain = region.host.slice(region.host.indexOf('.') + 1);
    if (host === domain || host.endsWith(`.${domain}`)) return region.code;
  }
  return undefined;
}

/** `na` (alias `us`), `eu` (aliases `de`, `uk`) or `jp`, in any case. */
export type Region = 'na' | 'us' | 'eu' | 'de' | 'uk' | 'jp' | 'NA' | 'US' | 'EU' | 'DE' | 'UK' | 'JP' | (string & {});
/** Amazon Pay's two environments. */
export type Environment = 'sandbox' | 'live';

/** Where requests go and what the signed `x-amz-pay-host` and `x-amz-pay-region` headers say. */
export interface Endpoint {
  /** `https://pay-api.amazon.com`, or the configured `baseUrl` (without a trailing slash). */
  origin: string;
  /** Value for `x-amz-pay-host`. */
  host: string;
  /** Value for `x-amz-pay-region`. */
  region: 'na' | 'eu' | 'jp';
  /** `/sandbox/v2`, `/live/v2`, or `/v2` for environment-specific key ids; a baseUrl's path comes first. */
  pathPrefix: string;
  environment: Environment;
}

/** `LIVE-...` and `SANDBOX-...` key ids carry their environment and use `/v2/...` paths. */
export function isEnvironmentSpecificKeyId(publicKeyId: string): boolean {
  const upper = publicKeyId.toUpperCase();
  return upper.startsWith('LIVE') || upper.startsWith('SANDBOX');
}

/** The endpoint a configuration implies; throws `AmazonPayConfigError` for an unknown region or environment. */
export function resolveEndpoint(config: {
  region: string;
  environment?: string | undefined;
  publicKeyId: string;
  baseUrl?: string | undefined;
}): Endpoint {
  // Own properties only (regionCode): 'constructor' and '__proto__' are typos like any other.
  const code = typeof config.region === 'string' ? regionCode(config.region) : undefined;
  if (code === undefined) {
    throw new AmazonPayConfigError(
      'region',
      `Unknown region ${JSON.stringify(config.region)}. Use one of na (alias us), eu (aliases de, uk) or jp.`,
    );
  }
  const region = REGIONS[code];
  const envSpecific = isEnvironmentSpecificKeyId(config.publicKeyId);
  let environment: Environment;
  if (envSpecific) {
    environment = config.publicKeyId.toUpperCase().startsWith('LIVE') ? 'live' : 'sandbox';
    // A merchant who sets sandbox but holds a LIVE- key would charge real cards (the official SDKs go live silently).
    const wanted = config.environment?.toLowerCase();
    if (wanted !== undefined && wanted !== environment) {
      throw new AmazonPayConfigError(
        'environment',
        `The public key id is a ${environment.toUpperCase()}- key, but the configuration asks ` +
          `for ${JSON.stringify(config.environment)}. ` +
          `A ${environment.toUpperCase()}- key always talks to ${environment}: remove the ` +
          `environment/sandbox setting, or use the key id for the environment you mean.`,
      );
    }
  } else {
    const env = config.environment?.toLowerCase();
    if (env !== 'sandbox' && env !== 'live') {
      throw new AmazonPayConfigError(
        'environment',
        `environment must be "sandbox" or "live" for the legacy public key id given (got ` +
          `${JSON.stringify(config.environment)}). ` +
          'Key ids that start with SANDBOX- or LIVE- carry their environment and need no setting.',
      );
    }
    environment = env;
  }
  let origin = `https://${region.host}`;
  let host: string = region.host;
  let basePath = '';
  if (config.baseUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(config.baseUrl);
    } catch {
      throw new AmazonPayConfigError(
        'baseUrl',
        `baseUrl ${JSON.stringify(config.baseUrl)} is not an absolute URL (e.g. http://127.0.0.1:8787).`,
      );
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new AmazonPayConfigError('baseUrl', `baseUrl must use http: or https:, not ${url.protocol}`);
    }
    if (url.search || url.hash || url.username || url.password) {
      throw new AmazonPayConfigError('baseUrl', 'baseUrl must not contain credentials, a query or a fragment.');
    }
    origin = url.origin;
    host = url.host;
    basePath = url.pathname.replace(/\/+$/, '');
  }
  return {
    origin,
    host,
    region: region.code,
    pathPrefix: basePath + (envSpecific ? '/v2' : `/${environment}/v2`),
    environment,
  };
}
