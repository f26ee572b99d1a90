// What every fresh project runs after installing from the local registry (npm, pnpm, Yarn, Bun; Deno runs
// consumer-deno.ts): a signed call to the local sandbox, verified there with the public key, and the same
// call signed with another key, which the sandbox must refuse. Prints one JSON line.
import { WebStoreClient } from '@amazon-pay-edge/node';
import { createSandbox } from '@amazon-pay-edge/sandbox';

const pem = (label, der) =>
  `-----BEGIN ${label}-----\n${btoa(String.fromCharCode(...new Uint8Array(der))).replace(/.{64}/g, '$&\n')}\n-----END ${label}-----\n`;
const algorithm = { name: 'RSA-PSS', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' };
const keyPair = async () => {
  const pair = await crypto.subtle.generateKey(algorithm, true, ['sign', 'verify']);
  return {
    privateKey: pem('PRIVATE KEY', await crypto.subtle.exportKey('pkcs8', pair.privateKey)),
    publicKey: pem('PUBLIC KEY', await crypto.subtle.exportKey('spki', pair.publicKey)),
  };
};
const mine = await keyPair();
const other = await keyPair();
const publicKeyId = 'SANDBOX-REGISTRYCONSUMER00000000';
const sandbox = createSandbox({ keys: { [publicKeyId]: mine.publicKey } });
const request = {
  storeId: 'amzn1.application-oa2-client.registry',
  webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
};
const client = new WebStoreClient({ publicKeyId, privateKey: mine.privateKey, region: 'us', fetch: sandbox.fetch });
const { data, status } = await client.createCheckoutSession(request);
const forged = new WebStoreClient({ publicKeyId, privateKey: other.privateKey, region: 'us', fetch: sandbox.fetch });
const refused = await forged.createCheckoutSession(request).then(
  () => undefined,
  (error) => `${error.code} ${error.reasonCode}`,
);
console.log(
  JSON.stringify({
    status,
    created: typeof data.checkoutSessionId === 'string' && data.checkoutSessionId.length > 0,
    refused,
  }),
);
