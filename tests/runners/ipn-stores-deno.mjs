// The IPN store contract in Deno against Deno KV on its local SQLite backend (run with --unstable-kv).
// Each simulated instance opens its own Deno.Kv handle on the same file, as separate isolates would.
import { createDenoKvIpnStore } from '@amazon-pay-edge/core/ipn/stores/deno-kv';
import { report } from './report.mjs';

const name = Deno.args[0] ?? 'ipn-stores-deno';
const { runStoreContract } = await import(new URL('../.build/ipn-contract.js', import.meta.url).href);
const dir = await Deno.makeTempDir({ prefix: 'ape-kv-' });
const handles = [];
let result = { passed: 0, failed: 1, failures: ['Deno KV did not open'] };
try {
  const stores = [];
  const storeFor = async (i) => {
    if (!stores[i]) {
      const kv = await Deno.openKv(`${dir}/inbox.sqlite`);
      handles.push(kv);
      stores[i] = createDenoKvIpnStore(kv);
    }
    return stores[i];
  };
  console.log('--- Deno KV (local SQLite, one Deno.Kv handle per simulated instance)');
  result = await runStoreContract({ name: 'deno-kv', store: storeFor });
} catch (error) {
  result = { passed: 0, failed: 1, failures: [`Deno KV: ${error?.stack ?? error}`] };
} finally {
  for (const kv of handles) kv.close();
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}
report(name, result, 'IPN store contract (Deno KV)');
