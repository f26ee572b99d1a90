// `pnpm demo`: a complete Amazon Pay checkout through the SDK against the local sandbox (the root script
// builds first). The logic lives in @amazon-pay-edge/sandbox/demo, shared with `amazon-pay-edge demo`;
// the client is @amazon-pay-edge/node's WebStoreClient. Exits non-zero if any step fails.
import { runDemo } from '../packages/sandbox/dist/demo.js';
import { WebStoreClient } from '../packages/node/dist/index.js';

const result = await runDemo({ log: (line) => console.log(line), WebStoreClient });
process.exitCode = result.ok ? 0 : 1;
