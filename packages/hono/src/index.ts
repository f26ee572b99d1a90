/**
 * `@amazon-pay-edge/hono`: Hono glue for the SDK, on every runtime Hono runs on (Workers, Deno, Bun, Node).
 * `amazonPay(config)` builds one client per isolate from the environment/bindings (on first use) and puts it
 * on the context; `ipnRoute(options)` is the IPN inbox as a Hono handler (the raw body reaches the verifier
 * untouched, and a Worker's `executionCtx.waitUntil` carries late results).
 */
import {
  AmazonPayConfigError,
  createIpnHandler,
  WebStoreClient,
  type AmazonPayClientConfig,
  type IpnHandlerOptions,
  type IpnRequestHandler,
} from '@amazon-pay-edge/core';
import type { Context, Env, Handler, MiddlewareHandler } from 'hono';

/** The context variable `amazonPay(...)` sets. */
export interface AmazonPayVariables {
  amazonPay: WebStoreClient;
}

/** Builds a value from the request's bindings (`c.env` on Workers; `process.env`/`Deno.env` elsewhere). */
export type FromEnv<T, E extends Env> = T | ((env: E['Bindings'], c: Context<E>) => T | Promise<T>);

/** Resolves a value once per isolate (a failed build is retried on the next request). */
function once<T, E extends Env>(source: FromEnv<T, E>): (c: Context<E>) => Promise<T> {
  let pending: Promise<T> | undefined;
  return (c) => {
    pending ??= Promise.resolve(
      typeof source === 'function'
        ? (source as (env: E['Bindings'], c: Context<E>) => T | Promise<T>)(c.env, c)
        : source,
    ).catch((error: unknown) => {
      pending = undefined;
      throw error;
    });
    return pending;
  };
}

/**
 * Middleware: `app.use(amazonPay((env) => ({ publicKeyId: env.AMAZON_PAY_PUBLIC_KEY_ID, privateKey:
 * env.AMAZON_PAY_PRIVATE_KEY, region: 'eu' })))`,
 * then `c.get('amazonPay')` in handlers. The client (and its imported key) is made once per isolate.
 */
export function amazonPay<E extends Env = Env>(
  config: FromEnv<AmazonPayClientConfig | WebStoreClient, E>,
): MiddlewareHandler<E & { Variables: AmazonPayVariables }> {
  if (config === undefined || config === null)
    throw new AmazonPayConfigError(
      'config',
      'amazonPay(config) needs a client config, a WebStoreClient, or a function of the environment returning one.',
    );
  const client = once<WebStoreClient, E>(async (env, c) => {
    const value =
      typeof config === 'function' ? await (config as (env: E['Bindings'], c: Context<E>) => unknown)(env, c) : config;
    return value instanceof WebStoreClient ? value : new WebStoreClient(value as AmazonPayClientConfig);
  });
  return async (c, next) => {
    c.set('amazonPay', await client(c as unknown as Context<E>));
    await next();
  };
}

/** A Worker's execution context, when there is one (Hono's getter throws elsewhere). */
function platformOf(c: Context): { waitUntil(promise: Promise<unknown>): void } | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}

/**
 * The IPN inbox as a Hono handler: `app.post('/ipn', ipnRoute((env) => ({ verifier, store: createD1IpnStore(env.DB),
 * handle })))`.
 * Options are built once per isolate; register no body-parsing middleware (validator) on this route.
 */
export function ipnRoute<E extends Env = Env>(options: FromEnv<IpnHandlerOptions, E>): Handler<E> {
  if (options === undefined || options === null)
    throw new AmazonPayConfigError(
      'options',
      'ipnRoute(options) needs the inbox options or a function of the environment returning them.',
    );
  const inbox = once<IpnRequestHandler, E>(async (env: E['Bindings'], c: Context<E>) =>
    createIpnHandler(typeof options === 'function' ? await options(env, c) : options),
  );
  return async (c) => (await inbox(c))(c.req.raw, platformOf(c as Context));
}
