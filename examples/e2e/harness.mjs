// What every example's end-to-end test needs around the walk: a throwaway key pair, the local sandbox,
// a free loopback port, a runtime child process in its own process group, and the result file.
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import process from 'node:process';
import { WebStoreClient } from '@amazon-pay-edge/core';
import { createSandbox } from '@amazon-pay-edge/sandbox';
import { serveSandbox } from '@amazon-pay-edge/sandbox/node';

export const PUBLIC_KEY_ID = 'SANDBOX-AEXAMPLEE2E0000000000000';
export const STORE_ID = 'amzn1.application-oa2-client.example0e2e00000000000000000000';
/** The shop's own address: review and result URLs hang off it; the walk never loads those pages. */
export const PUBLIC_URL = 'https://shop.example';
const START_TIMEOUT_MS = 20_000;

/** A fresh RSA-2048 pair for one run (PKCS#8 and SPKI PEM); nothing is written unless a test asks. */
export function makeKeys() {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    publicKeyId: PUBLIC_KEY_ID,
    privatePem: privateKey.export({ type: 'pkcs8', format: 'pem' }),
    publicPem: publicKey.export({ type: 'spki', format: 'pem' }),
  };
}

/** The environment an example reads through configFromEnv (see examples/checkout-app/src/config.ts). */
export function exampleEnv(keys, extra = {}) {
  return {
    AMAZON_PAY_PUBLIC_KEY_ID: keys.publicKeyId,
    AMAZON_PAY_REGION: 'us',
    AMAZON_PAY_STORE_ID: STORE_ID,
    PUBLIC_URL,
    ...extra,
  };
}

/** The sandbox in-process (for fetch-level wiring: Miniflare's outboundService, a forwarding server). */
export function inProcessSandbox(keys, options = {}) {
  const requests = [];
  const sandbox = createSandbox({
    keys: { [keys.publicKeyId]: keys.publicPem },
    onRequest: (r) => requests.push({ method: r.method, path: r.path }),
    ...options,
  });
  const client = new WebStoreClient({
    publicKeyId: keys.publicKeyId,
    privateKey: keys.privatePem,
    region: 'us',
    fetch: sandbox.fetch,
  });
  return { sandbox, requests, client };
}

/** The sandbox served over HTTP on 127.0.0.1, with a client on it and a log of the API requests it answered. */
export async function servedSandbox(keys, options = {}) {
  const requests = [];
  const served = await serveSandbox({
    port: 0,
    keys: { [keys.publicKeyId]: keys.publicPem },
    onRequest: (r) => requests.push({ method: r.method, path: r.path }),
    ...options,
  });
  const client = new WebStoreClient({
    publicKeyId: keys.publicKeyId,
    privateKey: keys.privatePem,
    region: 'us',
    baseUrl: served.url,
  });
  return { ...served, requests, client };
}

/** A port that was free a moment ago (the sandbox needs the example's IPN URL before the example starts). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** `call` for the walk over HTTP. */
export function httpCaller(origin) {
  return async (method, path, body) => {
    const response = await fetch(origin + path, {
      method,
      body,
      headers: body ? { 'content-type': 'text/plain; charset=UTF-8' } : undefined,
    });
    return { status: response.status, body: await response.text() };
  };
}

/** `visit` for the walk: the buyer's browser GETs an Amazon Pay page; the redirect is checked, not followed. */
export const httpVisit = (url) => fetch(url, { redirect: 'manual' });

/**
 * Starts a runtime as a child process in its own process group and waits for its "listening" line.
 * `stop()` ends the whole group (a runtime may start helpers of its own).
 */
export async function startProcess({ command, args, cwd, env, ready = /listening/ }) {
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  let exited = false;
  const stop = () =>
    new Promise((resolve) => {
      if (exited) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        resolve();
      }
      setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
      }, 2_000).unref();
    });
  await new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${command} printed no "listening" line within ${START_TIMEOUT_MS} ms:\n${output}`)),
      START_TIMEOUT_MS,
    );
    const onData = (chunk) => {
      output += chunk;
      if (ready.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('exit', (code, signal) => {
      exited = true;
      clearTimeout(timer);
      reject(new Error(`${command} exited (${signal ?? `code ${code}`}) before listening:\n${output}`));
    });
  }).catch(async (error) => {
    await stop();
    throw error;
  });
  child.removeAllListeners('exit');
  child.once('exit', () => (exited = true));
  return { child, stop, output: () => output };
}

/** `{ version }` when `command args` runs, `{ error }` when the runtime cannot start here. */
export function probe(command, args = ['--version']) {
  const run = spawnSync(command, args, { encoding: 'utf8', timeout: 30_000 });
  if (run.error) return { error: run.error.message };
  if (run.status !== 0) return { error: (run.stderr || run.stdout).trim().split('\n')[0] || `exit ${run.status}` };
  return { version: run.stdout.trim().split('\n')[0] };
}

// One reporter for every runner in the repository (counts file + `N passed, N failed` line).
import { report } from '../../tests/runners/report.mjs';

export { report };

/** A runtime (or the engine of its IPN store) that cannot start: a failure in CI, a printed skip elsewhere. */
export function cannotStart(name, reason, what = 'the runtime') {
  if (process.env.CI) {
    console.log(`FAIL ${name}: ${what} cannot start (${reason})`);
    report(name, { passed: 0, failed: 1 });
  } else {
    console.log(`skip ${name}: ${what} cannot start here (${reason}); CI fails on this`);
  }
}

// The engines of the examples' IPN stores, started the way the store contract suite starts them
// (tests/runners/engines.mjs: a throwaway non-root PostgreSQL cluster, redis-server, on Unix sockets).
export { startPostgres, startRedis } from '../../tests/runners/engines.mjs';

/** Runs `body` and turns a crash of the harness itself into one recorded failure. */
export async function run(name, body) {
  try {
    await body();
  } catch (error) {
    console.log(error?.stack ?? String(error));
    report(name, { passed: 0, failed: 1, failures: [`harness: ${error?.message ?? error}`] });
  }
}
