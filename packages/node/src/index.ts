/** `@amazon-pay-edge/node`: the core clients, accepting a key file path or a `KeyObject` as `privateKey`. */
import type { KeyObject } from 'node:crypto';
import * as core from '@amazon-pay-edge/core';
import { loadPrivateKey } from './keys.js';

export * from '@amazon-pay-edge/core';
export { fromEnv, loadPrivateKey } from './keys.js';

export interface NodeClientConfig extends Omit<core.AmazonPayClientConfig, 'privateKey'> {
  /** A path to the .pem file, the PEM text, DER bytes, a `KeyObject`, a JWK or a `CryptoKey`. */
  privateKey: core.PrivateKeyInput | KeyObject | Buffer;
}

function withKey(config: NodeClientConfig): core.AmazonPayClientConfig {
  return { ...config, privateKey: loadPrivateKey(config?.privateKey) };
}

export class WebStoreClient extends core.WebStoreClient {
  constructor(config: NodeClientConfig) {
    super(withKey(config));
  }
}

export class InStoreClient extends core.InStoreClient {
  constructor(config: NodeClientConfig) {
    super(withKey(config));
  }
}
