/**
 * The SDK and integrator identification headers the official PHP and Ruby SDKs send. Amazon uses them to
 * tell which SDK and which solution provider (plugin, platform) a request came from. They are sent
 * unsigned on every request, as the PHP SDK sends them (the Ruby SDK also signs its two; Amazon accepts
 * both), so canonical requests and signatures stay exactly those of the published vectors.
 */
import { AmazonPayConfigError } from '../errors.js';
import { SDK_VERSION } from '../version.js';
import { checkHeader } from './validate.js';

/** A solution provider's identity (the PHP SDK's `integrator_id`, `integrator_version`, `platform_version`). */
export interface IntegratorConfig {
  /** Sent as `x-amz-pay-integrator-id`: the id Amazon Pay gave the solution provider. */
  id: string;
  /** Sent as `x-amz-pay-integrator-version`: the version of the provider's plugin or module. */
  version: string;
  /** Sent as `x-amz-pay-platform-version`: the version of the platform it runs on (e.g. the shop system). */
  platformVersion?: string | undefined;
}

/** `x-amz-pay-sdk-type`: which SDK sent the request (the PHP SDK sends `PHP`, the Ruby SDK its gem name). */
export const SDK_TYPE = 'amazon-pay-edge';

const FIELDS = [
  ['id', 'x-amz-pay-integrator-id'],
  ['version', 'x-amz-pay-integrator-version'],
  ['platformVersion', 'x-amz-pay-platform-version'],
] as const;
const MAX_LENGTH = 256;
/** Printable ASCII, no leading or trailing space: what an id or a version string can sensibly be. */
const VALUE = /^[\x21-\x7e](?:[\x20-\x7e]*[\x21-\x7e])?$/;

/**
 * The identification headers for a client: `x-amz-pay-sdk-type` and `x-amz-pay-sdk-version` always, the
 * integrator headers when configured. A bad value is an `AmazonPayConfigError` at construction.
 */
export function identityHeaders(integrator: unknown): Record<string, string> {
  const headers: Record<string, string> = { 'x-amz-pay-sdk-type': SDK_TYPE, 'x-amz-pay-sdk-version': SDK_VERSION };
  if (integrator === undefined) return headers;
  const given = (typeof integrator === 'object' && integrator) || {};
  const unknown = Object.keys(given).filter((key) => !FIELDS.some(([field]) => field === key));
  if (given !== integrator || Array.isArray(integrator) || unknown.length) {
    throw new AmazonPayConfigError('integrator', 'integrator must be { id, version, platformVersion? }.');
  }
  for (const [field, header] of FIELDS) {
    const value = (given as Record<string, unknown>)[field];
    if (value === undefined && field === 'platformVersion') continue;
    if (typeof value !== 'string' || value.length > MAX_LENGTH || !VALUE.test(value)) {
      throw new AmazonPayConfigError(
        `integrator.${field}`,
        `integrator.${field} (the ${header} header) must be 1 to ${MAX_LENGTH} printable ASCII ` +
          `characters, no outer spaces.`,
      );
    }
    checkHeader(header, value); // the rule every caller header obeys, so the two can never disagree
    headers[header] = value;
  }
  return headers;
}
