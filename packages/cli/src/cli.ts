/**
 * `amazon-pay-edge`: key generation and checks, button signatures, a signing debugger, the local sandbox
 * and the demo. Every command has `--help` and `--version`; bad input gets a clear message and exit code 1
 * (2 for usage).
 */
import { generateKeyPairSync } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
  AmazonPayError,
  amazonPayHeaders,
  importPreparedKey,
  parseAmzDate,
  isSigningAlgorithm,
  preparePrivateKey,
  resolveEndpoint,
  signButtonPayload,
  signRequest,
  DEFAULT_ALGORITHM,
  type SigningAlgorithm,
} from '@amazon-pay-edge/core';
import { checkNumber } from '@amazon-pay-edge/core/internal';
import { loadPrivateKey } from '@amazon-pay-edge/node';
import { doctor } from './doctor.js';

/** This package's version: `dist/` and `src/` both sit one level below package.json. */
const VERSION = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string })
  .version;

type Out = { log: (line: string) => void; error: (line: string) => void };
class UsageError extends Error {}

const SELLER_CENTRAL_STEPS =
  `Next steps (Seller Central, Integration > Integration Central):
  1. Choose "Create API keys" > "Use my own key" and paste the contents of the PUBLIC key file.
  2. Copy the Public Key ID it shows (SANDBOX-... or LIVE-...).
  3. Keep the PRIVATE key file secret: a secret store, \`wrangler secret put AMAZON_PAY_PRIVATE_KEY\`, ` +
  `or a file readable only by your service.`;

const COMMON_KEY_OPTIONS = {
  key: { type: 'string' },
  'public-key-id': { type: 'string' },
  algorithm: { type: 'string' },
} as const;

interface Command {
  summary: string;
  usage: string;
  options: ParseArgsConfig['options'];
  /** More `--help` text after the usage lines. */
  details?: () => Promise<string>;
  run(args: { values: Record<string, unknown>; positionals: string[] }, out: Out): Promise<number>;
}

function readInput(pathOrDash: string): string {
  if (pathOrDash === '-') return readFileSync(0, 'utf8');
  if (!existsSync(pathOrDash)) throw new UsageError(`file not found: ${pathOrDash}`);
  return readFileSync(pathOrDash, 'utf8');
}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== 'string' || v === '') throw new UsageError(`--${name} is required`);
  return v;
}

function algorithmOf(values: Record<string, unknown>): SigningAlgorithm {
  const a = (values['algorithm'] as string | undefined) ?? DEFAULT_ALGORITHM;
  if (!isSigningAlgorithm(a))
    throw new UsageError(`--algorithm must be AMZN-PAY-RSASSA-PSS-V2 (default) or AMZN-PAY-RSASSA-PSS, not ${a}`);
  return a;
}

async function signingKey(values: Record<string, unknown>): Promise<CryptoKey> {
  const prepared = preparePrivateKey(loadPrivateKey(required(values, 'key')));
  return importPreparedKey(prepared, crypto.subtle);
}

/** `--register PUBLICKEYID=public.pem` (repeatable): the public keys a sandbox accepts. */
function registeredKeys(values: Record<string, unknown>): Record<string, string> {
  const keys: Record<string, string> = {};
  for (const pair of (values['register'] as string[] | undefined) ?? []) {
    const at = pair.indexOf('=');
    if (at < 1) throw new UsageError(`--register takes PUBLICKEYID=public.pem, got ${pair}`);
    keys[pair.slice(0, at)] = readInput(pair.slice(at + 1));
  }
  return keys;
}

const commands: Record<string, Command> = {
  keygen: {
    summary: 'create an RSA-2048 key pair for Amazon Pay (PKCS#8 private + SPKI public PEM)',
    usage: 'amazon-pay-edge keygen [--out-dir DIR] [--name NAME] [--force]',
    options: { 'out-dir': { type: 'string' }, name: { type: 'string' }, force: { type: 'boolean' } },
    async run({ values }, out) {
      const dir = resolve((values['out-dir'] as string | undefined) ?? '.');
      const name = (values['name'] as string | undefined) ?? 'amazon-pay';
      const privatePath = join(dir, `${name}-private.pem`);
      const publicPath = join(dir, `${name}-public.pem`);
      for (const p of [privatePath, publicPath]) {
        if (existsSync(p) && !values['force']) throw new UsageError(`${p} exists; pass --force to overwrite it`);
      }
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      // The private key file is created readable by its owner only.
      writeFileSync(privatePath, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
      writeFileSync(publicPath, publicKey.export({ type: 'spki', format: 'pem' }), { mode: 0o644 });
      out.log(`private key: ${privatePath} (mode 600)\npublic key:  ${publicPath}\n\n${SELLER_CENTRAL_STEPS}`);
      return 0;
    },
  },
  'check-key': {
    summary: 'detect a private key file’s format and say what is wrong and how to fix it',
    usage: 'amazon-pay-edge check-key <file>',
    options: {},
    async run({ positionals }, out) {
      const file = positionals[0];
      if (!file) throw new UsageError('give the key file to check');
      const prepared = preparePrivateKey(loadPrivateKey(file));
      await importPreparedKey(prepared, crypto.subtle);
      out.log(`OK: ${prepared.format}, usable for Amazon Pay signing (RSA-PSS, SHA-256).`);
      return 0;
    },
  },
  'button-signature': {
    summary: 'sign a button payload and print the amazon.Pay.renderButton config JSON',
    usage:
      'amazon-pay-edge button-signature --payload <file|-> --key <private.pem> --public-key-id ID [--algorithm ALG]',
    options: { payload: { type: 'string' }, ...COMMON_KEY_OPTIONS },
    async run({ values }, out) {
      const payload = readInput(required(values, 'payload')).replace(/\r?\n$/, '');
      const publicKeyId = required(values, 'public-key-id');
      const algorithm = algorithmOf(values);
      const { payloadJSON, signature } = await signButtonPayload(await signingKey(values), algorithm, payload);
      out.log(JSON.stringify({ payloadJSON, signature, publicKeyId, algorithm }, null, 2));
      return 0;
    },
  },
  sign: {
    summary: 'print the canonical request, string-to-sign and headers for a request (debug InvalidRequestSignature)',
    usage:
      'amazon-pay-edge sign --method GET --url-fragment checkoutSessions/ID [--query name=value ...] ' +
      '[--body <file|->] --key <private.pem> --public-key-id ID [--region na] [--environment sandbox] ' +
      '[--date 20240101T000000Z] [--idempotency-key K] [--algorithm ALG]',
    options: {
      method: { type: 'string' },
      'url-fragment': { type: 'string' },
      query: { type: 'string', multiple: true },
      body: { type: 'string' },
      region: { type: 'string' },
      environment: { type: 'string' },
      date: { type: 'string' },
      'idempotency-key': { type: 'string' },
      ...COMMON_KEY_OPTIONS,
    },
    async run({ values }, out) {
      const publicKeyId = required(values, 'public-key-id');
      const endpoint = resolveEndpoint({
        region: (values['region'] as string | undefined) ?? 'na',
        environment: (values['environment'] as string | undefined) ?? 'sandbox',
        publicKeyId,
      });
      const query: Record<string, string[]> = {};
      for (const pair of (values['query'] as string[] | undefined) ?? []) {
        const at = pair.indexOf('=');
        if (at < 1) throw new UsageError(`--query takes name=value, got ${pair}`);
        (query[pair.slice(0, at)] ??= []).push(pair.slice(at + 1));
      }
      const dateText = values['date'] as string | undefined;
      const date = dateText === undefined ? Date.now() : parseAmzDate(dateText);
      if (Number.isNaN(date)) throw new UsageError('--date takes the form 20240101T000000Z');
      const body = values['body'] ? readInput(values['body'] as string).replace(/\r?\n$/, '') : undefined;
      const signed = await signRequest({
        key: await signingKey(values),
        algorithm: algorithmOf(values),
        publicKeyId,
        method: required(values, 'method').toUpperCase(),
        path: `${endpoint.pathPrefix}/${required(values, 'url-fragment')}`,
        query,
        body,
        headers: amazonPayHeaders({
          host: endpoint.host,
          region: endpoint.region,
          date,
          idempotencyKey: values['idempotency-key'] as string | undefined,
        }),
      });
      out.log(
        `--- canonical request ---\n${signed.canonicalRequest}\n` +
          `--- string to sign ---\n${signed.stringToSign}\n--- headers ---`,
      );
      for (const [k, v] of Object.entries(signed.headers)) out.log(`${k}: ${v}`);
      return 0;
    },
  },
  doctor: {
    summary: 'check a key, key id and region with one harmless signed call, and explain any rejection',
    usage:
      'amazon-pay-edge doctor --private-key FILE --public-key-id ID --region REGION ' +
      '[--environment sandbox|live] [--base-url URL]',
    options: {
      'private-key': { type: 'string' },
      'public-key-id': { type: 'string' },
      region: { type: 'string' },
      environment: { type: 'string' },
      'base-url': { type: 'string' },
    },
    async run({ values }, out) {
      const environment = values['environment'] as string | undefined;
      if (environment !== undefined && !['sandbox', 'live'].includes(environment.toLowerCase())) {
        throw new UsageError(`--environment must be sandbox or live, not ${environment}`);
      }
      return doctor(
        {
          privateKey: required(values, 'private-key'),
          publicKeyId: required(values, 'public-key-id'),
          region: required(values, 'region'),
          environment,
          baseUrl: values['base-url'] as string | undefined,
        },
        out,
      );
    },
  },
  sandbox: {
    summary: 'serve the local Amazon Pay sandbox on 127.0.0.1',
    usage: 'amazon-pay-edge sandbox --port 8787 --register PUBLICKEYID=public.pem [--register ...] [--ipn-url URL]',
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      register: { type: 'string', multiple: true },
      'ipn-url': { type: 'string' },
    },
    async run({ values }, out) {
      const keys = registeredKeys(values);
      if (Object.keys(keys).length === 0)
        throw new UsageError('register at least one public key: --register SANDBOX-A=public.pem');
      const port = Number((values['port'] as string | undefined) ?? '8787');
      checkNumber('--port', port, { integer: true, min: 0, max: 65535 }, (_field, message) => new UsageError(message));
      const { serveSandbox } = await import('@amazon-pay-edge/sandbox/node');
      const ipnUrl = values['ipn-url'] as string | undefined;
      if (ipnUrl !== undefined && !URL.canParse(ipnUrl))
        throw new UsageError(`--ipn-url must be an absolute URL, got ${ipnUrl}`);
      const server = await serveSandbox({
        port,
        host: (values['host'] as string | undefined) ?? '127.0.0.1',
        keys,
        ...(ipnUrl ? { ipn: { url: ipnUrl } } : {}),
      });
      out.log(
        `Amazon Pay sandbox listening on ${server.url} (keys: ` +
          `${Object.keys(keys).join(', ')}${ipnUrl ? `; IPNs to ${ipnUrl}` : ''}). Ctrl-C stops it.`,
      );
      await new Promise<void>((done) => process.once('SIGINT', () => void server.close().then(done)));
      return 0;
    },
  },
  trigger: {
    summary: 'make the sandbox send an SNS-signed IPN (charge.captured, …) to your endpoint, like stripe trigger',
    usage:
      'amazon-pay-edge trigger <event> --to URL [--duplicates N] [--delay MS] [--out-of-order] [--json] ' +
      '[--sandbox URL | --port P --register ID=public.pem]',
    options: {
      to: { type: 'string' },
      duplicates: { type: 'string' },
      delay: { type: 'string' },
      'out-of-order': { type: 'boolean' },
      sandbox: { type: 'string' },
      port: { type: 'string' },
      register: { type: 'string', multiple: true },
      json: { type: 'boolean' },
    },
    details: async () => (await import('./trigger.js')).triggerHelp(),
    async run({ values, positionals }, out) {
      const { runTrigger, TriggerUsageError } = await import('./trigger.js');
      const [event, ...extra] = positionals;
      if (!event) throw new UsageError('name the event, e.g. amazon-pay-edge trigger charge.captured --to URL');
      if (extra.length > 0) throw new UsageError(`one event at a time; got ${positionals.join(' ')}`);
      const count = (flag: string, max: number): number => {
        const text = values[flag] as string | undefined;
        if (text === undefined) return 0;
        const n = Number(text);
        if (!/^\d+$/.test(text) || n > max) throw new UsageError(`--${flag} must be a whole number from 0 to ${max}`);
        return n;
      };
      if (values['sandbox'] !== undefined && (values['port'] !== undefined || values['register'] !== undefined))
        throw new UsageError('--port and --register configure the sandbox started here; leave them out with --sandbox');
      try {
        return await runTrigger(
          {
            event,
            to: required(values, 'to'),
            duplicates: count('duplicates', 100),
            delayMs: count('delay', 600_000),
            outOfOrder: values['out-of-order'] === true,
            sandbox: values['sandbox'] as string | undefined,
            port: count('port', 65535),
            keys: registeredKeys(values),
            json: values['json'] === true,
          },
          out,
        );
      } catch (error) {
        if (error instanceof TriggerUsageError) throw new UsageError(error.message);
        throw error;
      }
    },
  },
  demo: {
    summary: 'run the end-to-end checkout demo against a local sandbox',
    usage: 'amazon-pay-edge demo',
    options: {},
    async run(_args, out) {
      const { runDemo } = await import('@amazon-pay-edge/sandbox/demo');
      const result = await runDemo({ log: out.log });
      return result.ok ? 0 : 1;
    },
  },
};

function help(out: Out): void {
  out.log('amazon-pay-edge <command> [options]\n\nCommands:');
  for (const [name, c] of Object.entries(commands)) out.log(`  ${name.padEnd(17)} ${c.summary}`);
  out.log('\nRun `amazon-pay-edge <command> --help` for a command’s options; `--version` prints the version.');
}

/** Runs one command line (without the node and script arguments) and resolves with the exit code. */
export async function main(
  argv: string[],
  out: Out = { log: (l) => console.log(l), error: (l) => console.error(l) },
): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    help(out);
    return name ? 0 : 2;
  }
  if (name === '--version' || name === '-v') {
    out.log(`amazon-pay-edge ${VERSION}`);
    return 0;
  }
  const command = commands[name];
  if (!command) {
    out.error(`unknown command "${name}"`);
    help(out);
    return 2;
  }
  try {
    const options = {
      ...command.options,
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    } as const;
    const parsed = parseArgs({ args: rest, options, allowPositionals: true, strict: true });
    if (parsed.values['help']) {
      out.log(`${command.summary}\n\nusage: ${command.usage}\n       amazon-pay-edge ${name} --help | --version`);
      if (command.details) out.log(`\n${await command.details()}`);
      return 0;
    }
    if (parsed.values['version']) {
      out.log(`amazon-pay-edge ${VERSION}`);
      return 0;
    }
    return await command.run(parsed as { values: Record<string, unknown>; positionals: string[] }, out);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      out.error(`${name}: ${(error as Error).message}\nusage: ${command.usage}`);
      return 2;
    }
    if (error instanceof AmazonPayError) {
      out.error(`${name}: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
