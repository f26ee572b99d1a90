/** The Worker that runs the suite inside workerd; Amazon Pay's hosts are served by Miniflare's outboundService. */
import { runSuite } from '../conformance/suite.js';

export default {
  async fetch(): Promise<Response> {
    const lines: string[] = [];
    const result = await runSuite({ remote: {}, log: (line) => lines.push(line) });
    const scope = globalThis as Record<string, unknown>;
    // Reported so the runner can assert which flags really took effect.
    const environment = { process: typeof scope['process'], Buffer: typeof scope['Buffer'] };
    return new Response(JSON.stringify({ result, lines, environment }), {
      headers: { 'content-type': 'application/json' },
    });
  },
};
