/**
 * The script Vercel's Edge Runtime evaluates (a classic script, as in `edge-runtime`'s own VM): a fetch
 * handler that runs the suite against `?baseUrl=` (the runner's fake Amazon Pay server) and answers JSON.
 */
import { runSuite } from '../conformance/suite.js';

interface FetchEvent extends Event {
  request: Request;
  respondWith(response: Promise<Response>): void;
}

const scope = globalThis as unknown as {
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
} & Record<string, unknown>;

scope.addEventListener('fetch', (event: FetchEvent) => {
  event.respondWith(
    (async () => {
      const baseUrl = new URL(event.request.url).searchParams.get('baseUrl') ?? undefined;
      const lines: string[] = [];
      const result = await runSuite({ remote: { baseUrl }, log: (line) => lines.push(line) });
      // Reported so the runner can assert it really ran inside the Edge Runtime, without Node globals.
      const environment = {
        process: typeof scope['process'],
        require: typeof scope['require'],
        EdgeRuntime: scope['EdgeRuntime'],
      };
      return new Response(JSON.stringify({ result, lines, environment }), {
        headers: { 'content-type': 'application/json' },
      });
    })(),
  );
});
