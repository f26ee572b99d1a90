/**
 * What every check shares: the generated keys, the registered key ids and the way requests reach the
 * fake Amazon Pay server (in-process through an injected `fetch`, or a real server through the
 * runtime's own global `fetch`).
 */
import type { AmazonPayClientConfig, FetchLike } from '@amazon-pay-edge/core';
import { createFakeAmazonPay, REGISTER_PATH } from './fake-amazon-pay.js';
import { makeKeyMaterial, type KeyMaterial } from './key-material.js';

export interface SuiteOptions {
  /**
   * Use a fake Amazon Pay server that runs elsewhere, reached through the runtime's global `fetch`
   * (clients get no `fetch` option). `baseUrl` is the server's origin and path; leave it out when the
   * runtime intercepts Amazon's real hosts itself (Miniflare's outboundService).
   */
  remote?: { baseUrl?: string | undefined } | undefined;
  /** Receives one line per check. */
  log?: ((line: string) => void) | undefined;
}

export interface SuiteContext {
  keys: KeyMaterial;
  /** Environment-specific id (`SANDBOX-…`): paths are `/v2/…`. */
  publicKeyId: string;
  /** Legacy id: needs `environment`, paths are `/sandbox/v2/…`. */
  legacyKeyId: string;
  /** The `fetch` clients are given: the in-process server, or undefined (global fetch) when remote. */
  fetch: FetchLike | undefined;
  /** A `fetch` that always reaches the server, for checks that wrap it. */
  serverFetch: FetchLike;
  baseUrl: string | undefined;
  /** Base client config for the registered key; spread and override per check. */
  config(overrides?: Partial<AmazonPayClientConfig>): AmazonPayClientConfig;
}

const AMAZON_ORIGIN = 'https://pay-api.amazon.com';

function randomId(length: number): string {
  return crypto.randomUUID().replace(/-/g, '').toUpperCase().slice(0, length);
}

export async function createContext(options: SuiteOptions): Promise<SuiteContext> {
  const keys = await makeKeyMaterial();
  let fetch: FetchLike | undefined;
  let serverFetch: FetchLike;
  if (options.remote) {
    // Looked up at call time and called as a plain function, like the SDK does.
    serverFetch = (input, init) => globalThis.fetch(input, init);
  } else {
    const server = createFakeAmazonPay();
    fetch = serverFetch = (input, init) => server.handle(new Request(input, init));
  }
  const baseUrl = options.remote?.baseUrl;
  const publicKeyId = `SANDBOX-${randomId(24)}`;
  const legacyKeyId = `AH${randomId(22)}`;
  for (const id of [publicKeyId, legacyKeyId]) {
    const response = await serverFetch(`${baseUrl ?? AMAZON_ORIGIN}${REGISTER_PATH}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ publicKeyId: id, jwk: keys.publicJwk }),
    });
    if (response.status !== 204)
      throw new Error(`the fake Amazon Pay server did not register the key: HTTP ${response.status}`);
  }
  return {
    keys,
    publicKeyId,
    legacyKeyId,
    fetch,
    serverFetch,
    baseUrl,
    config: (overrides = {}) => ({
      publicKeyId,
      privateKey: keys.privateKey,
      region: 'na',
      fetch,
      baseUrl,
      timeout: 10_000,
      ...overrides,
    }),
  };
}
