// 1. Signed requests per second, signing only: this SDK's whole getSignedHeaders path vs raw WebCrypto
// sign vs node:crypto sign with a KeyObject vs the official Node SDK (which reparses the PEM every call).
import * as nodeCrypto from 'node:crypto';
import { WebStoreClient } from '@amazon-pay-edge/core';
import { benchRequire, PAYLOAD, PUBLIC_KEY_ID, SALT_LENGTH, STRING_TO_SIGN, verifyPss } from '../lib/fixtures.mjs';
import { concurrentRate, interleave, medianRatio, sequentialRate, summary, syncRate } from '../lib/stats.mjs';
import { verifySignedRequest } from '../lib/verify-signed.mjs';
import { nodeCryptoSubtle } from '../probes/subtle-shims.mjs';

const { constants, sign } = nodeCrypto;

const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: SALT_LENGTH };

export async function signingThroughput({ keys, rounds, ops }) {
  const { WebStoreClient: OfficialClient } = benchRequire('@amazonpay/amazon-pay-api-sdk-nodejs');
  const client = new WebStoreClient({ publicKeyId: PUBLIC_KEY_ID, privateKey: keys.pem, region: 'us' });
  // Not a goal figure: the proposal's injectable signer (README), here through today's `subtle` option.
  const nodeSignerClient = new WebStoreClient({
    publicKeyId: PUBLIC_KEY_ID,
    privateKey: keys.pem,
    region: 'us',
    subtle: nodeCryptoSubtle(nodeCrypto, { threadPool: true }),
  });
  const official = new OfficialClient({
    publicKeyId: PUBLIC_KEY_ID,
    privateKey: keys.pem,
    region: 'us',
    sandbox: true,
    algorithm: 'AMZN-PAY-RSASSA-PSS-V2',
  });
  const webKey = await crypto.subtle.importKey('pkcs8', keys.der, { name: 'RSA-PSS', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  const sts = new TextEncoder().encode(STRING_TO_SIGN);
  const nodeKey = { key: keys.privateKey, ...PSS };

  // The official SDK rewrites options.urlFragment in place, so every call gets a fresh object.
  const sdk = () => client.getSignedHeaders({ method: 'POST', urlFragment: 'checkoutSessions', payload: PAYLOAD });
  const sdkNodeSigner = () =>
    nodeSignerClient.getSignedHeaders({ method: 'POST', urlFragment: 'checkoutSessions', payload: PAYLOAD });
  const officialSign = () =>
    official.getSignedHeaders({ method: 'POST', urlFragment: 'checkoutSessions', payload: PAYLOAD });
  const webcrypto = () => crypto.subtle.sign({ name: 'RSA-PSS', saltLength: SALT_LENGTH }, webKey, sts);
  const nodeSync = () => sign('sha256', sts, nodeKey);
  const nodeAsync = () =>
    new Promise((resolve, reject) => sign('sha256', sts, nodeKey, (e, s) => (e ? reject(e) : resolve(s))));

  // Every path must produce what Amazon Pay accepts before its speed means anything.
  const body = JSON.stringify(PAYLOAD);
  const checks = {
    sdk: verifySignedRequest(keys.publicKey, {
      method: 'POST',
      path: '/v2/checkoutSessions',
      body,
      headers: await sdk(),
    }),
    sdkNodeSigner: verifySignedRequest(keys.publicKey, {
      method: 'POST',
      path: '/v2/checkoutSessions',
      body,
      headers: await sdkNodeSigner(),
    }),
    official: verifySignedRequest(keys.publicKey, {
      method: 'POST',
      path: '/v2/checkoutSessions',
      body,
      headers: officialSign(),
    }),
    webcrypto: verifyPss(keys.publicKey, sts, Buffer.from(await webcrypto())),
    nodeCrypto: verifyPss(keys.publicKey, sts, nodeSync()) && verifyPss(keys.publicKey, sts, await nodeAsync()),
  };
  const failed = Object.entries(checks)
    .filter(([, ok]) => !ok)
    .map(([name]) => name);
  if (failed.length)
    throw new Error(`Signatures from ${failed.join(', ')} did not verify; the benchmark would measure a broken path.`);

  const variants = [
    { name: 'sdk.sequential', run: (n) => sequentialRate(sdk, n) },
    { name: 'webcrypto.sequential', run: (n) => sequentialRate(webcrypto, n) },
    { name: 'nodeCrypto.sequential', run: (n) => syncRate(nodeSync, n) },
    { name: 'official.sequential', run: (n) => syncRate(officialSign, n) },
    { name: 'sdk.inflight8', run: (n) => concurrentRate(sdk, n, 8) },
    { name: 'webcrypto.inflight8', run: (n) => concurrentRate(webcrypto, n, 8) },
    { name: 'nodeCrypto.inflight8', run: (n) => concurrentRate(nodeAsync, n, 8) },
    // Synchronous on the main thread: eight "in flight" still run one after another.
    { name: 'official.inflight8', run: (n) => concurrentRate(async () => officialSign(), n, 8) },
    { name: 'sdkNodeSigner.sequential', run: (n) => sequentialRate(sdkNodeSigner, n) },
    { name: 'sdkNodeSigner.inflight8', run: (n) => concurrentRate(sdkNodeSigner, n, 8) },
  ];
  for (const v of variants) await v.run(Math.max(20, ops >> 2)); // warm-up: JIT, key caches, thread pool
  const raw = await interleave(rounds, variants, (v) => v.run(ops));

  const figures = Object.fromEntries(Object.entries(raw).map(([name, values]) => [name, summary(values, 0)]));
  const ratio = (a, b) => Number(medianRatio(raw[a], raw[b]).toFixed(2));
  return {
    unit: 'signed requests per second (median of rounds)',
    rounds,
    opsPerRound: ops,
    signaturesVerified: true,
    figures,
    ratios: {
      sdkOverWebcryptoSequential: ratio('sdk.sequential', 'webcrypto.sequential'),
      sdkOverWebcryptoInflight8: ratio('sdk.inflight8', 'webcrypto.inflight8'),
      sdkOverOfficialSequential: ratio('sdk.sequential', 'official.sequential'),
      sdkOverOfficialInflight8: ratio('sdk.inflight8', 'official.inflight8'),
      webcryptoOverOfficialSequential: ratio('webcrypto.sequential', 'official.sequential'),
      nodeCryptoOverWebcryptoSequential: ratio('nodeCrypto.sequential', 'webcrypto.sequential'),
      nodeCryptoOverWebcryptoInflight8: ratio('nodeCrypto.inflight8', 'webcrypto.inflight8'),
      sdkNodeSignerOverSdkSequential: ratio('sdkNodeSigner.sequential', 'sdk.sequential'),
      sdkNodeSignerOverSdkInflight8: ratio('sdkNodeSigner.inflight8', 'sdk.inflight8'),
    },
  };
}
