/**
 * `@amazon-pay-edge/sandbox/node`: serves a sandbox over HTTP with node:http (loopback by default).
 * Each request is turned into a Web `Request` with its exact body bytes and the `Host` it was sent to;
 * a scripted dropped connection destroys the socket.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSandbox, type Sandbox, type SandboxOptions } from './sandbox.js';
import { SandboxConfigError } from './errors.js';
import { SandboxConnectionDropped } from './faults.js';

export type ServeSandboxOptions = { port?: number; host?: string } & ({ sandbox: Sandbox } | (SandboxOptions & { sandbox?: undefined }));

export interface ServedSandbox {
  /** e.g. `http://127.0.0.1:8787`: give it to a client as `baseUrl`. */
  url: string;
  sandbox: Sandbox;
  close(): Promise<void>;
}

const MAX_BODY_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function toRequest(req: IncomingMessage, body: Buffer, signal: AbortSignal): Request {
  const headers = new Headers();
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  const host = req.headers.host ?? '127.0.0.1';
  const init: RequestInit = { method: req.method ?? 'GET', headers, signal };
  if (body.length > 0 && req.method !== 'GET' && req.method !== 'HEAD') init.body = new Uint8Array(body);
  return new Request(`http://${host}${req.url ?? '/'}`, init);
}

async function handle(sandbox: Sandbox, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const controller = new AbortController();
  res.on('close', () => controller.abort(new Error('client went away')));
  let response: Response;
  try {
    response = await sandbox.fetch(toRequest(req, await readBody(req), controller.signal));
  } catch (error) {
    if (error instanceof SandboxConnectionDropped || controller.signal.aborted) {
      req.socket.destroy();
      return;
    }
    res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ reasonCode: 'InternalServerError', message: 'The sandbox server failed to read the request.' }));
    return;
  }
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => (headers[name] = value));
  res.writeHead(response.status, headers);
  res.end(Buffer.from(await response.arrayBuffer()));
}

export async function serveSandbox(options: ServeSandboxOptions): Promise<ServedSandbox> {
  const { port = 0, host = '127.0.0.1', ...rest } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new SandboxConfigError('port', `port must be a whole number from 0 to 65535; got ${String(port)}.`);
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
