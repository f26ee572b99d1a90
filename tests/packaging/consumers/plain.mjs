// Plain Node, ES module: import of every package, and createRequire() of the same: one instance.
import { createRequire } from 'node:module';
import * as core from '@amazon-pay-edge/core';
import { WebStoreClient } from '@amazon-pay-edge/node';
const required = createRequire(import.meta.url)('@amazon-pay-edge/core');
const BAD = {
  publicKeyId: 'SANDBOX-CONSUMER0000000000000000',
  privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----',
  region: 'us',
};
let error;
try {
  new WebStoreClient(BAD);
} catch (e) {
  error = e;
}
console.log(
  JSON.stringify({
    requireIsImport: required.AmazonPayKeyError === core.AmazonPayKeyError,
    nodeErrorCode: error?.code,
    nodeErrorInstanceof: error instanceof core.AmazonPayKeyError,
  }),
);
