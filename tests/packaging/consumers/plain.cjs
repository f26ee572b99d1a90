// Plain Node, CommonJS: require() of the ES-module packages (Node's require(esm)), then import() of the same
// packages: one module instance, so `instanceof` agrees. A second copy of core (another path) still
// matches by `code`, which is what the errors promise.
const core = require('@amazon-pay-edge/core');
const errors = require('@amazon-pay-edge/core/errors');
const node = require('@amazon-pay-edge/node');
const { AmazonPayKeyError: SecondCopyKeyError, WebStoreClient: SecondCopyClient } = require(process.argv[2]);
const BAD = {
  publicKeyId: 'SANDBOX-CONSUMER0000000000000000',
  privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n-----END OPENSSH PRIVATE KEY-----',
  region: 'us',
};
const thrown = (make) => {
  try {
    make();
  } catch (error) {
    return error;
  }
};
(async () => {
  const esm = await import('@amazon-pay-edge/core');
  const fromNode = thrown(() => new node.WebStoreClient(BAD));
  const fromSecond = thrown(() => new SecondCopyClient(BAD));
  console.log(
    JSON.stringify({
      requireIsImport:
        esm.AmazonPayKeyError === core.AmazonPayKeyError && errors.AmazonPayKeyError === core.AmazonPayKeyError,
      nodeErrorCode: fromNode.code,
      nodeErrorInstanceof: fromNode instanceof core.AmazonPayKeyError,
      secondCopyCode: fromSecond.code,
      secondCopyInstanceof: fromSecond instanceof core.AmazonPayKeyError,
      secondCopyOwnClass: fromSecond instanceof SecondCopyKeyError,
    }),
  );
})();
