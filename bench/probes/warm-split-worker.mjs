// workerd warm-path split (profile-workerd-warm.mjs): one isolate, each request runs `n` of one variant, so the
// runner can read the CPU each costs from /proc. raw = WebCrypto sign alone; sdk = getSignedHeaders; rawSigner = the
// client signing through a signer that wraps the raw key (rules out the key import); noRsa = the client with a signer
// that answers a constant (the SDK's JavaScript alone); rawThenNoRsa = both in one step (is SDK = raw + JS?).
import { WebStoreClient } from '@amazon-pay-edge/core';
/* global __BENCH_PAYLOAD__, __BENCH_STS__ */
let st;
const SIG = new Uint8Array(256).fill(0xa5);
async function setup(pem) {
  const der = Uint8Array.from(atob(pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('pkcs8', der, { name: 'RSA-PSS', hash: 'SHA-256' }, false, ['sign']);
  const base = { publicKeyId: 'SANDBOX-AEXAMPLEBENCHKEY0000000', region: 'us' };
  return {
    key,
    sts: new TextEncoder().encode(__BENCH_STS__),
    sdk: new WebStoreClient({ ...base, privateKey: pem }),
    rawSigner: new WebStoreClient({
      ...base,
      signer: { sign: (d) => crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, key, d) },
    }),
    noRsa: new WebStoreClient({ ...base, signer: { sign: async () => SIG } }),
  };
}
const req = { method: 'POST', urlFragment: 'checkoutSessions', payload: __BENCH_PAYLOAD__ };
export default {
  async fetch(request, env) {
    st ??= await setup(env.PRIVATE_KEY);
    const url = new URL(request.url);
    const v = url.searchParams.get('variant');
    const n = Number(url.searchParams.get('n'));
    const paths = {
      sdk: () => st.sdk.getSignedHeaders(req),
      rawSigner: () => st.rawSigner.getSignedHeaders(req),
      noRsa: () => st.noRsa.getSignedHeaders(req),
      raw: () => crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, st.key, st.sts),
      rawThenNoRsa: async () => {
        await st.noRsa.getSignedHeaders(req);
        return crypto.subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, st.key, st.sts);
      },
      twoDigests: async () => {
        await crypto.subtle.digest('SHA-256', new TextEncoder().encode(JSON.stringify(__BENCH_PAYLOAD__)));
        await crypto.subtle.digest('SHA-256', st.sts);
      },
    };
    for (let i = 0; i < n; i++) await paths[v]();
    return Response.json({ ok: true });
  },
};
