// 6. Deno's signing paths: is anything available to Deno code faster than its WebCrypto RSA-PSS?
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BENCH_DIR, binPath, PAYLOAD, STRING_TO_SIGN } from '../lib/fixtures.mjs';
import { bundleToFile } from '../lib/bundle.mjs';
import { runJson } from '../lib/child.mjs';

/** Where Debian, Ubuntu, Fedora and Alpine keep OpenSSL 3's libcrypto. */
const LIBCRYPTO_CANDIDATES = [
  '/usr/lib/x86_64-linux-gnu/libcrypto.so.3',
  '/lib/x86_64-linux-gnu/libcrypto.so.3',
  '/usr/lib/aarch64-linux-gnu/libcrypto.so.3',
  '/usr/lib64/libcrypto.so.3',
  '/usr/lib/libcrypto.so.3',
  '/lib/libcrypto.so.3',
];

export async function denoSigningPaths({ keys, tempDir, rounds, ops }) {
  const file = await bundleToFile(join(tempDir, 'deno-sign-paths.mjs'), {
    entry: join(BENCH_DIR, 'probes', 'deno-sign-paths.mjs'),
    external: ['node:*'],
    define: {
      __BENCH_PEM__: JSON.stringify(keys.pem),
      __BENCH_PUBLIC_PEM__: JSON.stringify(keys.publicKey.export({ type: 'spki', format: 'pem' })),
      __BENCH_PAYLOAD__: JSON.stringify(PAYLOAD),
      __BENCH_STS__: JSON.stringify(STRING_TO_SIGN),
    },
  });
  const libcrypto = LIBCRYPTO_CANDIDATES.find((p) => existsSync(p));
  const permissions = libcrypto ? [`--allow-ffi=${libcrypto}`] : [];
  const result = await runJson(
    binPath('deno'),
    ['run', '--no-prompt', '--no-config', ...permissions, file, libcrypto ?? '-', String(rounds), String(ops)],
    {
      env: { DENO_DIR: join(tempDir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
      timeoutMs: 300_000,
    },
  );
  return {
    unit: 'RSA-PSS-2048 signatures (raw) or signed requests (sdk) per second, median of rounds',
    rounds,
    opsPerRound: ops,
    ...result,
  };
}
