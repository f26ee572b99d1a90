// `subtle` stand-ins that the client config ALREADY accepts (`subtle?: SubtleCrypto`): the client calls only
// importKey('pkcs8', ...) and sign({ name: 'RSA-PSS', saltLength }, key, data). Each keeps a native key
// handle in the object it returns and signs RSA-PSS/SHA-256 natively. Used to measure Deno's faster paths
// through the SDK's own code; a sketch of the proposal in README.md, not production code.

/**
 * RSA-PSS through node:crypto. `threadPool: true` uses sign()'s callback form, which Node runs on libuv's
 * thread pool (so signatures overlap); Deno's Node layer gains nothing from it and adds latency, so Deno
 * signs synchronously.
 */
export function nodeCryptoSubtle(nodeCrypto, { threadPool }) {
  const { createPrivateKey, sign, constants } = nodeCrypto;
  const options = (key, algorithm) => ({
    key: key.handle,
    padding: constants.RSA_PKCS1_PSS_PADDING,
    saltLength: algorithm.saltLength,
  });
  const toArrayBuffer = (signature) => new Uint8Array(signature).buffer;
  return {
    async importKey(format, keyData, algorithm, _extractable, usages) {
      if (format !== 'pkcs8') throw new TypeError('nodeCryptoSubtle imports pkcs8 keys only');
      const handle = createPrivateKey({ key: new Uint8Array(keyData), format: 'der', type: 'pkcs8' });
      return { type: 'private', algorithm, extractable: false, usages, handle };
    },
    sign: threadPool
      ? (algorithm, key, data) =>
          new Promise((resolve, reject) =>
            sign('sha256', data, options(key, algorithm), (error, sig) =>
              error ? reject(error) : resolve(toArrayBuffer(sig)),
            ),
          )
      : async (algorithm, key, data) => toArrayBuffer(sign('sha256', data, options(key, algorithm))),
  };
}

const EVP_PKEY_RSA_PSS_PADDING = 6; // RSA_PKCS1_PSS_PADDING in OpenSSL's rsa.h

/**
 * RSA-PSS through the system's OpenSSL libcrypto, called with Deno's FFI (needs --allow-ffi).
 * `signSync`/`signAsync` are exposed for the raw figures; `nonblocking` calls run on Deno's blocking pool.
 */
export function openSslFfi(libraryPath) {
  const signature = { parameters: ['pointer', 'buffer', 'buffer', 'buffer', 'usize'], result: 'i32' };
  const lib = globalThis.Deno.dlopen(libraryPath, {
    BIO_new_mem_buf: { parameters: ['buffer', 'i32'], result: 'pointer' },
    BIO_free: { parameters: ['pointer'], result: 'i32' },
    d2i_PrivateKey_bio: { parameters: ['pointer', 'pointer'], result: 'pointer' },
    EVP_sha256: { parameters: [], result: 'pointer' },
    EVP_MD_CTX_new: { parameters: [], result: 'pointer' },
    EVP_MD_CTX_free: { parameters: ['pointer'], result: 'void' },
    EVP_DigestSignInit: { parameters: ['pointer', 'pointer', 'pointer', 'pointer', 'pointer'], result: 'i32' },
    EVP_MD_CTX_get_pkey_ctx: { parameters: ['pointer'], result: 'pointer' },
    EVP_PKEY_CTX_set_rsa_padding: { parameters: ['pointer', 'i32'], result: 'i32' },
    EVP_PKEY_CTX_set_rsa_pss_saltlen: { parameters: ['pointer', 'i32'], result: 'i32' },
    EVP_DigestSign: signature,
    EVP_DigestSignNonblocking: { ...signature, name: 'EVP_DigestSign', nonblocking: true },
  });
  const s = lib.symbols;
  const sha256 = s.EVP_sha256();

  function loadPkcs8(der) {
    const bytes = new Uint8Array(der);
    const bio = s.BIO_new_mem_buf(bytes, bytes.length);
    const pkey = s.d2i_PrivateKey_bio(bio, null);
    s.BIO_free(bio);
    if (pkey === null) throw new Error('OpenSSL could not read the PKCS#8 key');
    return pkey;
  }
  function context(pkey, saltLength) {
    const ctx = s.EVP_MD_CTX_new();
    // The key context comes back through a getter: Deno's UnsafePointer.create needs unscoped --allow-ffi.
    const ok = s.EVP_DigestSignInit(ctx, null, sha256, null, pkey) === 1;
    const pctx = ok ? s.EVP_MD_CTX_get_pkey_ctx(ctx) : null;
    const configured =
      pctx !== null &&
      s.EVP_PKEY_CTX_set_rsa_padding(pctx, EVP_PKEY_RSA_PSS_PADDING) === 1 &&
      s.EVP_PKEY_CTX_set_rsa_pss_saltlen(pctx, saltLength) === 1;
    if (!configured) {
      s.EVP_MD_CTX_free(ctx);
      throw new Error('OpenSSL refused the RSA-PSS parameters');
    }
    return ctx;
  }
  function signSync(pkey, saltLength, data) {
    const ctx = context(pkey, saltLength);
    const out = new Uint8Array(512);
    const length = new BigUint64Array([512n]);
    const rc = s.EVP_DigestSign(ctx, out, length, data, data.length);
    s.EVP_MD_CTX_free(ctx);
    if (rc !== 1) throw new Error('OpenSSL RSA-PSS sign failed');
    return out.slice(0, Number(length[0]));
  }
  async function signAsync(pkey, saltLength, data) {
    const ctx = context(pkey, saltLength);
    const out = new Uint8Array(512);
    const length = new BigUint64Array([512n]);
    const rc = await s.EVP_DigestSignNonblocking(ctx, out, length, data, data.length);
    s.EVP_MD_CTX_free(ctx);
    if (rc !== 1) throw new Error('OpenSSL RSA-PSS sign failed');
    return out.slice(0, Number(length[0]));
  }
  const subtle = {
    async importKey(format, keyData, algorithm, _extractable, usages) {
      if (format !== 'pkcs8') throw new TypeError('openSslFfi imports pkcs8 keys only');
      return { type: 'private', algorithm, extractable: false, usages, handle: loadPkcs8(keyData) };
    },
    async sign(algorithm, key, data) {
      return (await signAsync(key.handle, algorithm.saltLength, new Uint8Array(data))).buffer;
    },
  };
  return { loadPkcs8, signSync, signAsync, subtle, close: () => lib.close() };
}
