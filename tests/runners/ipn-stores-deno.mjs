// The IPN store contract in Deno against Deno KV on its local SQLite backend (run with --unstable-kv).
// Each simulated instance opens its own Deno.Kv handle on the same file, as separate isolates would.
import { createDenoKvIpnQueue, createDenoKvIpnStore } from '@amazon-pay-edge/core/ipn/stores/deno-kv';
import { report } from './report.mjs';

const name = Deno.args[0] ?? 'ipn-stores-deno';
const { runStoreContract, runQueueContract } = await import(new URL('../.build/ipn-contract.js', import.meta.url).href);
const dir = await Deno.makeTempDir({ prefix: 'ape-kv-' });
const handles = [];
let result = { passed: 0, failed: 1, failures: ['Deno KV did not open'] };
try {
  const kvs = [];
  const kvFor = async (i) => {
    if (!kvs[i]) {
      kvs[i] = await Deno.openKv(`${dir}/inbox.sqlite`);
      handles.push(kvs[i]);
    }
    return kvs[i];
  };
  console.log('--- Deno KV (local SQLite, one Deno.Kv handle per simulated instance)');
  const stores = await runStoreContract({ name: 'deno-kv', store: async (i) => createDenoKvIpnStore(await kvFor(i)) });
  const queues = await runQueueContract({ name: 'deno-kv', queue: async (i) => createDenoKvIpnQueue(await kvFor(i)) });
  result = {
    passed: stores.passed + queues.passed,
    failed: stores.failed + queues.failed,
    failures: [...stores.failures, ...queues.failures],
  };
} catch (error) {
  result = { passed: 0, failed: 1, failures: [`Deno KV: ${error?.stack ?? error}`] };
} finally {
  for (const kv of handles) kv.close();
  await Deno.remove(dir, { recursive: true }).catch(() => {});
}
report(name, result, 'IPN store contract (Deno KV)');
