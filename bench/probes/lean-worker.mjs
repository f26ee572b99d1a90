// The typical checkout Worker in the lean shape (core/ops): bundled (not run) to measure its size.
import {
  completeCheckoutSession,
  createAmazonPayClient,
  createCheckoutSession,
  generateButtonConfig,
  getCheckoutSession,
} from '@amazon-pay-edge/core/ops';

export default {
  async fetch(request, env) {
    const client = createAmazonPayClient({
      publicKeyId: env.PUBLIC_KEY_ID,
      privateKey: env.PRIVATE_KEY,
      region: env.REGION,
    });
    const url = new URL(request.url);
    if (url.pathname === '/button-config') {
      return Response.json(
        await generateButtonConfig(client, {
          webCheckoutDetails: { checkoutReviewReturnUrl: `${url.origin}/review` },
          storeId: env.STORE_ID,
        }),
      );
    }
    if (url.pathname === '/create')
      return Response.json((await createCheckoutSession(client, await request.json())).data);
    if (url.pathname === '/review')
      return Response.json((await getCheckoutSession(client, url.searchParams.get('id'))).data);
    if (url.pathname === '/complete') {
      const { id, chargeAmount } = await request.json();
      return Response.json((await completeCheckoutSession(client, id, { chargeAmount })).data);
    }
    return new Response('not found', { status: 404 });
  },
};
