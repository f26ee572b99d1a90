// A signed call over HTTP to the sandbox that `npx @amazon-pay-edge/cli sandbox` serves, with the key that
// `npx @amazon-pay-edge/cli keygen` wrote. Usage: node http-call.mjs <sandbox-url> <private-key-file> <public-key-id>
import { WebStoreClient } from '@amazon-pay-edge/node';

const [baseUrl, privateKey, publicKeyId] = process.argv.slice(2);
const client = new WebStoreClient({ publicKeyId, privateKey, region: 'us', baseUrl });
const { status, data } = await client.createCheckoutSession({
  storeId: 'amzn1.application-oa2-client.registry',
  webCheckoutDetails: { checkoutReviewReturnUrl: 'https://shop.example/review' },
});
console.log(JSON.stringify({ status, created: typeof data.checkoutSessionId === 'string' }));
