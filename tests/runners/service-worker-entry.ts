/**
 * A service worker that runs the suite when the page asks (`{ type: 'run', baseUrl }`) and posts the
 * result back. It has no fetch handler, so its own requests go to the network (the runner's server).
 */
import { runSuite } from '../conformance/suite.js';

interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface RunMessageEvent extends ExtendableEvent {
  data: { type?: string; baseUrl?: string } | undefined;
  source: { postMessage(message: unknown): void } | null;
}
interface ServiceWorkerScope {
  addEventListener(type: string, listener: (event: never) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
}

const scope = globalThis as unknown as ServiceWorkerScope;

scope.addEventListener('install', (event: ExtendableEvent) => event.waitUntil(scope.skipWaiting()));
scope.addEventListener('activate', (event: ExtendableEvent) => event.waitUntil(scope.clients.claim()));
scope.addEventListener('message', (event: RunMessageEvent) => {
  if (event.data?.type !== 'run') return;
  const source = event.source;
  event.waitUntil(
    (async () => {
      const lines: string[] = [];
      const result = await runSuite({ remote: { baseUrl: event.data?.baseUrl }, log: (line) => lines.push(line) });
      const g = globalThis as Record<string, unknown>;
      const environment = { scope: Object.prototype.toString.call(globalThis), document: typeof g['document'] };
      source?.postMessage({ type: 'result', result, lines, environment });
    })(),
  );
});
