// Shared inputs: a throwaway RSA key pair made at bench time (nothing secret is stored), the request
// every signing figure uses, a temp folder that is removed at exit, and paths inside the bench package.
import { constants, generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = dirname(dirname(fileURLToPath(import.meta.url)));
/** Resolves packages from bench's own node_modules (miniflare, esbuild, the official SDK). */
export const benchRequire = createRequire(join(BENCH_DIR, 'package.json'));
export const binPath = (name) => join(BENCH_DIR, 'node_modules', '.bin', name);

export const PUBLIC_KEY_ID = 'SANDBOX-AEXAMPLEBENCHKEY0000000';
export const SALT_LENGTH = 32; // AMZN-PAY-RSASSA-PSS-V2

/** A createCheckoutSession body of typical size (538 bytes as JSON). */
export const PAYLOAD = {
  webCheckoutDetails: {
    checkoutReviewReturnUrl: 'https://shop.example.com/checkout/review',
    checkoutResultReturnUrl: 'https://shop.example.com/checkout/result',
  },
  storeId: 'amzn1.application-oa2-client.8b5e45312b5248b69eeaStoreId',
  chargePermissionType: 'OneTime',
  paymentDetails: {
    paymentIntent: 'Authorize',
    canHandlePendingAuthorization: false,
    chargeAmount: { amount: '49.90', currencyCode: 'USD' },
  },
  merchantMetadata: {
    merchantReferenceId: 'order-000123',
    merchantStoreName: 'Example Shop',
    noteToBuyer: 'Thank you for your order',
  },
};

/** What a string-to-sign looks like: the algorithm name and a 64-hex-digit hash. */
export const STRING_TO_SIGN = 'AMZN-PAY-RSASSA-PSS-V2\n' + '3f'.repeat(32);

export function makeKeyPair() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    privateKey,
    publicKey,
    pem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    der: new Uint8Array(privateKey.export({ type: 'pkcs8', format: 'der' })),
  };
}

export function verifyPss(publicKey, data, signature, saltLength = SALT_LENGTH) {
  return verify('sha256', data, { key: publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
}

/** A private temp folder, removed when the process exits (also on Ctrl-C). */
export function makeTempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'amazon-pay-edge-bench-'));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  process.once('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }
  return dir;
}
