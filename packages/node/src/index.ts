/**
 * `@amazon-pay-edge/node`: the core API, with every entry point that takes a private key also accepting a
 * key file path, a `KeyObject` or a `Buffer`. Core's own versions are shadowed here, so a user who imports
 * from this package never meets core's "the Web-API core cannot read files" error.
 */
import type { KeyObject } from 'node:crypto';
import * as core from '@amazon-pay-edge/core';
import { loadPrivateKey } from './keys.js';

export * from '@amazon-pay-edge/core';
export { fromEnv, loadPrivateKey } from './keys.js';
export {
  BodyAlreadyParsedError,
  fetchListener,
  sendFetchResponse,
  toFetchRequest,
  type FetchHandler,
  type NodeHandlerOptions,
  type ToFetchRequestOptions,
} from './http.js';

/** What this package accepts as a private key: core's inputs plus a file path, a `KeyObject` or a `Buffer`. */
export type NodePrivateKeyInput = core.PrivateKeyInput | KeyObject | Buffer;

/** Core's client configuration, with `privateKey` also taking a file path, a `KeyObject` or a `Buffer`. */
export interface NodeClientConfig extends Omit<core.AmazonPayClientConfig, 'privateKey'> {
  /** A path to the .pem file, the PEM text, DER bytes, a `KeyObject`, a JWK or a `CryptoKey`. */
  privateKey: NodePrivateKeyInput;
}

function withKey(config: NodeClientConfig): core.AmazonPayClientConfig {
  // A missing config is left for core to reject with its own message.
  if (!config || typeof config !== 'object') return config as unknown as core.AmazonPayClientConfig;
  return { ...config, privateKey: loadPrivateKey(config.privateKey) };
}

/** Core's `AmazonPayClient` (the operations common to both stores), taking a key file path too. */
export class AmazonPayClient extends core.AmazonPayClient {
  constructor(config: NodeClientConfig) {
    super(withKey(config));
  }
}

/** Core's `WebStoreClient`, taking a key file path, a `KeyObject` or a `Buffer` as `privateKey` too. */
export class WebStoreClient extends core.WebStoreClient {
  constructor(config: NodeClientConfig) {
    super(withKey(config));
  }
}

/** Core's `InStoreClient`, taking a key file path, a `KeyObject` or a `Buffer` as `privateKey` too. */
export class InStoreClient extends core.InStoreClient {
  constructor(config: NodeClientConfig) {
    super(withKey(config));
  }
}

/** Core's `preparePrivateKey` (detects and checks the key's format), taking a key file path too. */
export function preparePrivateKey(input: NodePrivateKeyInput): core.PreparedKey {
  return core.preparePrivateKey(loadPrivateKey(input));
}

/** Core's `importPrivateKey` (a non-extractable RSA-PSS signing key), taking a key file path too. */
export async function importPrivateKey(
  input: NodePrivateKeyInput,
  subtle: SubtleCrypto = crypto.subtle,
): Promise<CryptoKey> {
  return core.importPrivateKey(loadPrivateKey(input), subtle);
}
