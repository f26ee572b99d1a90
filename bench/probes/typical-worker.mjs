// What a typical checkout Worker imports: bundled (not run) to measure its size.
import { WebStoreClient } from '@amazon-pay-edge/core';

export default {
  async fetch(request, env) {
    const client = new WebStoreClient({
      publicKeyId: env.PUBLIC_KEY_ID,
      privateKey: env.PRIVATE_KEY,
      region: env.REGION,
    });
    const url = new URL(request.url);
    if (url.pathname === '/button-config') {
      return Response.json(
        await client.generateButtonConfig({
          webCheckoutDetails: { checkoutReviewReturnUrl: `${url.origin}/review` },
          storeId: env.STORE_ID,
        }),
      );
    }
    if (url.pathname === '/create')
      return Response.json((await client.createCheckoutSession(await request.json())).data);
    if (url.pathname === '/review')
      return Response.json((await client.getCheckoutSession(url.searchParams.get('id'))).data);
    if (url.pathname === '/complete') {
      const { id, chargeAmount } = await request.json();
      return Response.json((await client.completeCheckoutSession(id, { chargeAmount })).data);
    }
    return new Response('not found', { status: 404 });
  },
};
