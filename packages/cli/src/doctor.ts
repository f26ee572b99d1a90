/**
 * `amazon-pay-edge doctor`: checks a key locally, then makes one harmless signed call (Get Checkout
 * Session of an id that cannot exist). A 404 ResourceNotFound proves Amazon Pay accepted the key id and
 * the signature; every other answer is explained in plain words from a table. Exit 0 only on acceptance.
 */
import {
  AmazonPayApiError,
  AmazonPayConfigError,
  AmazonPayError,
  isEnvironmentSpecificKeyId,
  WebStoreClient,
  type FetchLike,
} from '@amazon-pay-edge/core';
import { loadPrivateKey } from '@amazon-pay-edge/node';

export interface DoctorOptions {
  privateKey: string;
  publicKeyId: string;
  region: string;
  environment?: string | undefined;
  baseUrl?: string | undefined;
}

export interface DoctorOut {
  log: (line: string) => void;
  error: (line: string) => void;
}

/** A checkout session id no real session has: Get Checkout Session of it can only answer 404 when signed right. */
export const PROBE_ID = 'amazon-pay-edge-doctor-probe-00000000';

/** Beyond this difference from the server's `Date`, requests signed by other SDKs fail. */
const SKEW_WARN_MS = 5 * 60_000;

interface Diagnosis {
  /** Short name of the cause, printed first. */
  title: string;
  explain: (ctx: { error: AmazonPayApiError; options: DoctorOptions; host: string }) => string;
}

/** Which rejection means what; matched in order on status, reason code and (for shared codes) the message. */
const DIAGNOSES: { status?: number; reasonCode: string; message?: RegExp; diagnosis: Diagnosis }[] = [
  {
    reasonCode: 'InvalidHeaderValue',
    message: /x-amz-pay-region/i,
    diagnosis: {
      title: 'wrong region',
      explain: ({ options, host }) =>
        `${host} does not serve region "${options.region}". Each region has its own host and its own keys: ` +
        'na = pay-api.amazon.com, eu = pay-api.amazon.eu, jp = pay-api.amazon.jp. Use the region of the ' +
        'Seller Central account that created the key (--region).',
    },
  },
  {
    reasonCode: 'InvalidHeaderValue',
    message: /x-amz-pay-date/i,
    diagnosis: {
      title: 'clock skew',
      explain: () =>
        'Amazon Pay refused the request time (x-amz-pay-date): this machine’s clock is off. Sync it (NTP: ' +
        '`timedatectl set-ntp true`, or your container host’s clock).',
    },
  },
  {
    reasonCode: 'UnauthorizedAccess',
    diagnosis: {
      title: 'key id not valid in this environment (a sandbox key on live, or a live key on sandbox)',
      explain: ({ options }) =>
        `The public key id ${options.publicKeyId} is not allowed here. SANDBOX-... ids work only with the sandbox, ` +
        'LIVE-... ids only with live: create a key for the environment you call in Seller Central ' +
        '(Integration Central > API keys), or switch Seller Central’s sandbox/production view.',
    },
  },
  {
    reasonCode: 'InvalidAuthentication',
    message: /path must say the environment|SANDBOX- or LIVE- prefix/i,
    diagnosis: {
      title: 'legacy key id without environment',
      explain: () =>
        'This key id has no SANDBOX-/LIVE- prefix, so every call must name the environment: ' +
        'pass --environment sandbox or live.',
    },
  },
  {
    reasonCode: 'InvalidAuthentication',
    diagnosis: {
      title: 'key id not registered',
      explain: ({ options, host }) =>
        `${host} does not know the public key id ${options.publicKeyId}. Copy it again from Seller Central ` +
        '(Integration Central > API keys): it is shown after you upload the public key. Keys belong to one ' +
        'region: a key created in another region’s Seller Central is unknown here (--region).',
    },
  },
  {
    reasonCode: 'InvalidRequestSignature',
    diagnosis: {
      title: 'signature rejected: the private key does not match the public key id',
      explain: ({ options }) =>
        `The key id ${options.publicKeyId} was found, but its public key does not verify this private key’s ` +
        'signature. Use the private key whose public half you uploaded for this key id (keygen makes pairs; ' +
        'upload the -public.pem file).',
    },
  },
];

function diagnose(error: AmazonPayApiError): Diagnosis | undefined {
  return DIAGNOSES.find(
    (d) =>
      (d.status === undefined || d.status === error.status) &&
      d.reasonCode === error.reasonCode &&
      (!d.message || d.message.test(error.message)),
  )?.diagnosis;
}

function seconds(ms: number): string {
  return `${Math.round(Math.abs(ms) / 1000)} s ${ms > 0 ? 'behind' : 'ahead of'} the server`;
}

/** Runs the checks and prints the verdict; returns the exit code. `fetch` is for tests and proxies. */
export async function doctor(
  options: DoctorOptions,
  out: DoctorOut,
  deps: { fetch?: FetchLike } = {},
): Promise<number> {
  const fail = (title: string, explanation: string) => {
    out.error(`PROBLEM: ${title}\n  ${explanation}`);
    return 1;
  };

  // 1. The key, locally (as check-key does).
  let privateKey: ReturnType<typeof loadPrivateKey>;
  let client: WebStoreClient;
  let skewRetried = false;
  try {
    privateKey = loadPrivateKey(options.privateKey);
    client = new WebStoreClient({
      publicKeyId: options.publicKeyId,
      privateKey,
      region: options.region,
      environment: options.environment as 'sandbox' | 'live' | undefined,
      baseUrl: options.baseUrl,
      maxRetries: 1,
      timeout: 15_000,
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      hooks: { onRetry: (e) => void (e.reason === 'clockSkew' && (skewRetried = true)) },
    });
    await client.generateButtonSignature('{}'); // imports the key: a bad key fails here, before any call
  } catch (error) {
    if (
      error instanceof AmazonPayConfigError &&
      error.field === 'environment' &&
      isEnvironmentSpecificKeyId(options.publicKeyId)
    ) {
      // The client refuses a SANDBOX-/LIVE- key id with a contradicting environment (issue 10).
      const keyEnvironment = options.publicKeyId.toUpperCase().startsWith('LIVE') ? 'live' : 'sandbox';
      return fail(`${keyEnvironment} key on ${options.environment?.toLowerCase()}`, error.message);
    }
    if (error instanceof AmazonPayConfigError && error.field === 'environment') {
      return fail(
        'legacy key id without environment',
        `${error.message} Pass --environment sandbox or --environment live.`,
      );
    }
    if (error instanceof AmazonPayError) return fail(`configuration (${error.name})`, error.message);
    throw error;
  }
  out.log(`key: OK, usable for Amazon Pay signing (${client.algorithm})`);

  // 2. The key id against the environment asked for.
  const requested = options.environment?.toLowerCase();
  const mismatch =
    isEnvironmentSpecificKeyId(options.publicKeyId) && requested !== undefined && requested !== client.environment;
  out.log(`key id: ${options.publicKeyId} (${client.environment}, region ${client.region})`);

  // 3. One signed call.
  const host = new URL(
    options.baseUrl ??
      `https://${{ na: 'pay-api.amazon.com', eu: 'pay-api.amazon.eu', jp: 'pay-api.amazon.jp' }[client.region]}`,
  ).host;
  out.log(`calling Get Checkout Session ${PROBE_ID} on ${host} ...`);
  let accepted: { requestId: string | undefined; headers: Headers };
  try {
    const res = await client.getCheckoutSession(PROBE_ID);
    accepted = { requestId: res.requestId, headers: res.headers };
  } catch (error) {
    if (error instanceof AmazonPayApiError && error.status === 404 && error.reasonCode === 'ResourceNotFound') {
      accepted = { requestId: error.requestId, headers: error.headers };
    } else if (error instanceof AmazonPayApiError) {
      const d = diagnose(error);
      const id = error.requestId ?? 'none';
      const answer = `Amazon Pay answered ${error.status} ${error.reasonCode} (request id ${id}).`;
      if (d) return fail(d.title, `${answer}\n  ${d.explain({ error, options, host })}`);
      return fail(`rejected with ${error.reasonCode}`, `${answer}\n  ${error.message}`);
    } else if (
      error instanceof AmazonPayError &&
      (error.code === 'ERR_AMAZON_PAY_CONNECTION' || error.code === 'ERR_AMAZON_PAY_TIMEOUT')
    ) {
      const cause =
        (error.cause as { cause?: { code?: string; message?: string }; message?: string } | undefined) ?? {};
      const detail = cause.cause?.code ?? cause.cause?.message ?? cause.message ?? error.message;
      return fail(
        'network or proxy',
        `Could not get an answer from ${host} (${detail}). Check DNS and the firewall for outbound HTTPS to ${host}. ` +
          'Behind a corporate proxy: Node’s fetch does not read HTTPS_PROXY by itself; ' +
          'pass a proxying fetch to the client. ' +
          'A TLS-inspecting proxy needs its CA in NODE_EXTRA_CA_CERTS.',
      );
    } else throw error;
  }

  // 4. Accepted; report the clock as seen from the answer.
  out.log(
    `OK: ${host} accepted the signature and key id ${options.publicKeyId} (404 ResourceNotFound for the probe, ` +
      `as expected; request id ${accepted.requestId ?? 'none'}).`,
  );
  const serverMs = Date.parse(accepted.headers.get('date') ?? '');
  const skewMs = Number.isFinite(serverMs) ? serverMs - Date.now() : 0;
  if (skewRetried || Math.abs(skewMs) > SKEW_WARN_MS) {
    return fail(
      'clock skew',
      `This machine’s clock is ${seconds(skewMs)}. The first signed request was refused for its time; this SDK ` +
        'corrected itself from the server’s Date header, but fix the clock (NTP): other clients, and this one ' +
        'after a restart, sign with it.',
    );
  }
  if (mismatch) {
    return fail(
      `${client.environment} key on ${requested}`,
      `--environment ${requested} was asked for, but ${options.publicKeyId} is a ${client.environment} key id, and ` +
        `such ids always call ${client.environment}. ` +
        `Create a ${requested === 'live' ? 'LIVE-' : 'SANDBOX-'} key in Seller Central for ${requested}.`,
    );
  }
  return 0;
}
