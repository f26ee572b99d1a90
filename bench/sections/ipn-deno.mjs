// The IPN bench on Deno KV (local SQLite file), run by ipn.mjs as `deno run --unstable-kv`: reads the
// deliveries from the JSON file named by the first argument and prints the two modes' figures as JSON.
import { createDenoKvIpnQueue, createDenoKvIpnStore } from '@amazon-pay-edge/core/ipn/stores/deno-kv';
import { measure } from './ipn-measure.mjs';

const [file, inFlight] = Deno.args;
const material = JSON.parse(await Deno.readTextFile(file));
const dir = await Deno.makeTempDir({ prefix: 'ape-kv-bench-' });
const kv = await Deno.openKv(`${dir}/bench.sqlite`);
try {
  const sync = await measure({ store: createDenoKvIpnStore(kv) }, material, Number(inFlight));
  const durable = await measure({ queue: createDenoKvIpnQueue(kv) }, material, Number(inFlight));
  console.log(JSON.stringify({ sync, durable }));
} finally {
  kv.close();
  await Deno.remove(dir, { recursive: true });
}
