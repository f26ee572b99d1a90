// Signing path vs raw WebCrypto inside workerd (Miniflare, Node compatibility off). One isolate serves every
// round; each request runs `n` signatures of one variant (`sdk` or `raw`, `width` in flight) and the runner times
// the request from outside and reads workerd's CPU time, since the clocks inside the isolate do not move.
import { WebStoreClient } from '@amazon-pay-edge/core';

/* global __BENCH_PAYLOAD__, __BENCH_STS__ */
let state;
async function setup(pem) {
  const der = Uint8Array.from(atob(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  return {
    key: await crypto.subtle.importKey('pkcs8', der, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']),
    client: new WebStoreClient({ publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000', privateKey: pem, region: 'us' }),
    sts: new TextEncoder().encode(__BENCH_STS__),
  };
}

export default {
  async fetch(request, env) {
    state ??= await setup(env.PRIVATE_KEY);
    const { key, client, sts } = state;
    const url = new URL(request.url);
    const variant = url.searchParams.get('variant');
    const n = Number(url.searchParams.get('n'));
    const width = Number(url.searchParams.get('width'));
    const paths = {
      sdk: () =>
        client.getSignedHeaders({ method: 'POST', urlFragment: 'checkoutSessions', payload: __BENCH_PAYLOAD__ }),
      raw: () => crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, key, sts),
      noop: async () => undefined,
    };
    const fn = paths[variant];
    let started = 0;
    let last;
    const lane = async () => {
      while (started < n) {
        started++;
        last = await fn();
      }
    };
    await Promise.all(Array.from({ length: width }, lane));
    const output =
      variant === 'sdk' ? last : variant === 'raw' ? btoa(String.fromCharCode(...new Uint8Array(last))) : null;
    return Response.json({ variant, output, process: typeof globalThis.process });
  },
};
