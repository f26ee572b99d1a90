/**
 * `@amazon-pay-edge/sandbox/node`: serves a sandbox over HTTP with node:http (loopback by default).
 * Each request becomes a Web `Request` (exact body bytes, the `Host` it was sent to) through
 * `@amazon-pay-edge/node`'s adapter; a scripted dropped connection destroys the socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkNumber, type NumberRule } from '@amazon-pay-edge/core/internal';
import { sendFetchResponse, toFetchRequest } from '@amazon-pay-edge/node';
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
import { SandboxConfigError } from './errors.js';
import { SandboxConnectionDropped } from './faults.js';

export type ServeSandboxOptions = { port?: number; host?: string } & (
  { sandbox: Sandbox } | (SandboxOptions & { sandbox?: undefined })
);

export interface ServedSandbox {
  /** e.g. `http://127.0.0.1:8787`: give it to a client as `baseUrl`. */
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

async function handle(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => controller.abort(new Error('client went away')));
  let response: Response;
  try {
    response = await sandbox.fetch(await toFetchRequest(req, { signal: controller.signal }));
  } catch (error) {
    if (error instanceof SandboxConnectionDropped || controller.signal.aborted) {
      req.socket.destroy();
      return;
    }
    res.writeHead(500, { 'content-type': 'application/json' }).end(
      JSON.stringify({
        reasonCode: 'InternalServerError',
        message: 'The sandbox server failed to read the request.',
      }),
    );
    return;
  }
  await sendFetchResponse(res, response);
}

/** A TCP port; 0 lets the system pick a free one. */
const PORT: NumberRule = { integer: true, min: 0, max: 65535 };

export async function serveSandbox(options: ServeSandboxOptions): Promise<ServedSandbox> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  checkNumber('port', port, PORT, (field, message) => new SandboxConfigError(field, message));
  const sandbox = rest.sandbox ?? createSandbox(rest as SandboxOptions);
  const server = createServer((req, res) => void handle(sandbox, req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}`,
    sandbox,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

export * from './index.js';
