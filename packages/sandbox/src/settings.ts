/**
 * `createSandbox`'s options: what they mean, their defaults, and the checks that turn them into the
 * settings every request step reads. A bad option throws `SandboxConfigError` naming it.
 */
import { checkNumber } from '@amazon-pay-edge/core/internal';
import { SandboxClock } from './clock.js';
import type { BuyerProfile, SandboxDelays } from './context.js';
import { SandboxConfigError } from './errors.js';
import type { SandboxFault } from './faults.js';
import type { SandboxIpnOptions } from './ipn/emitter.js';
import { MemoryStore, type SandboxStore } from './store.js';
import { checkKeys, keyring, type PublicKeyInput } from './verify/keys.js';

export interface SandboxOptions {
  /** Public keys allowed to call, by public key id: SPKI PEM text or a public RSA-PSS `CryptoKey`. */
  keys: Record<string, PublicKeyInput>;
  /** Clock in ms since the epoch (default `Date.now`). */
  now?: () => number;
  /** Where objects live (default: a new `MemoryStore`). */
  store?: SandboxStore;
  /** Faults to start with; more can be pushed onto `sandbox.faults` at any time. */
  faults?: SandboxFault[];
  /** Offset of the sandbox's server clock (simulates a server whose clock is off). */
  clockOffsetMs?: number;
  /** How far in the future `x-amz-pay-date` may be (default 5000 ms). */
  clockToleranceMs?: number;
  /** Durations of the asynchronous transitions, on the lifecycle clock (see README). */
  delays?: Partial<SandboxDelays>;
  /** Origin used in the URLs the sandbox hands out (`amazonPayRedirectUrl`...); default: the request's origin. */
  publicUrl?: string;
  /** Shown as `sellerId` in disbursements. */
  merchantId?: string;
  /** The buyer who "signs in" on the approval page unless `approveCheckoutSession` is given another. */
  buyer?: BuyerProfile;
  /** Answer CORS preflights and allow any origin (for browser callers). Default false, like Amazon. */
  cors?: boolean;
  /** Largest request body accepted (default 1 MiB). */
  maxBodyBytes?: number;
  /** Called after every request with what the sandbox answered (logging, assertions). */
  onRequest?: (entry: SandboxRequestLog) => void;
  /**
   * Send Amazon SNS-signed IPNs for every state change of a Charge Permission, Charge or Refund (see
   * README "IPNs"). `{}` records them in `ipnDeliveries` without delivering. Default: no IPNs.
   */
  ipn?: SandboxIpnOptions;
  subtle?: SubtleCrypto;
  /**
   * Test shortcut, off by default: show `amazonPayRedirectUrl` on a Checkout Session before the buyer
   * signed in. Amazon returns null until then (the buyer signs in through the button; here: GET
   * `/sandbox-ui/checkout/{id}` or `approveCheckoutSession`).
   */
  redirectUrlBeforeSignIn?: boolean;
  /**
   * Accept the sandbox's own simulation codes (`SIMULATION_EXTENSIONS`: CaptureInitiated on Capture,
   * refund declines, In-Store declines). Off by default: Amazon refuses codes it does not list.
   */
  simulationExtensions?: boolean;
}

/** What `onRequest` receives after each request. */
export interface SandboxRequestLog {
  method: string;
  path: string;
  operation: string | undefined;
  status: number;
  reasonCode: string | undefined;
  requestId: string;
  /** The answer came from the idempotency store. */
  replayed: boolean;
}

export const DEFAULT_DELAYS: SandboxDelays = {
  authorizationMs: 30_000,
  captureMs: 30_000,
  refundMs: 10_000,
  reportMs: 5_000,
};

const ADDRESS = {
  name: 'Sandbox Buyer',
  addressLine1: '410 Terry Ave N',
  addressLine2: null,
  addressLine3: null,
  city: 'Seattle',
  county: null,
  district: null,
  stateOrRegion: 'WA',
  postalCode: '98109',
  countryCode: 'US',
  phoneNumber: '+1 206-555-0100',
};

const DEFAULT_BUYER: Required<Omit<BuyerProfile, 'buyerId'>> = {
  name: 'Sandbox Buyer',
  email: 'buyer@example.com',
  phoneNumber: '+1 206-555-0100',
  shippingAddress: { ...ADDRESS },
  billingAddress: { ...ADDRESS },
  paymentDescriptor: 'Visa ****1111 (Amazon Pay)',
  primeMembershipTypes: null,
};

const configError = (field: string, message: string) => new SandboxConfigError(field, message);
const MS = { unit: 'milliseconds' };

/** `clockOffsetMs`, set at creation or later on the sandbox object. */
export const checkClockOffset = (value: unknown): number => checkNumber('clockOffsetMs', value, MS, configError) ?? 0;

/** `advance(ms)`: the lifecycle clock only moves forward. */
export const checkAdvance = (value: unknown): number =>
  checkNumber('advance(ms)', value, { ...MS, min: 0 }, configError) ?? 0;

/** The checked options, with their defaults applied. */
export type SandboxSettings = ReturnType<typeof resolveSettings>;

export function resolveSettings(options: SandboxOptions) {
  if (!options || typeof options !== 'object')
    throw new SandboxConfigError('options', 'Pass options: createSandbox({ keys: { [publicKeyId]: publicKeyPem } }).');
  const keys = checkKeys(options.keys);
  const subtle = options.subtle ?? crypto.subtle;
  const clock = new SandboxClock(options.now ?? (() => Date.now()));
  clock.clockOffsetMs = checkClockOffset(options.clockOffsetMs);
  return {
    subtle,
    keyFor: keyring(keys, subtle),
    keyTable: Object.fromEntries(keys), // one stable object: core's verifier imports each PEM once
    clock,
    clockToleranceMs:
      checkNumber('clockToleranceMs', options.clockToleranceMs, { ...MS, min: 0 }, configError) ?? 5_000,
    maxBodyBytes: checkNumber('maxBodyBytes', options.maxBodyBytes, { min: 1 }, configError) ?? 1024 * 1024,
    delays: delaysOf(options.delays),
    publicOrigin: publicOriginOf(options.publicUrl),
    store: options.store ?? new MemoryStore(),
    faults: [...(options.faults ?? [])],
    defaultBuyer: { ...DEFAULT_BUYER, ...options.buyer },
    merchantId: options.merchantId ?? 'A2SANDBOXMERCHANT',
    cors: Boolean(options.cors),
    simulationExtensions: options.simulationExtensions === true,
    redirectUrlBeforeSignIn: options.redirectUrlBeforeSignIn === true,
    onRequest: options.onRequest,
    ipn: options.ipn,
  };
}

function delaysOf(given: Partial<SandboxDelays> | undefined): SandboxDelays {
  const delays: SandboxDelays = { ...DEFAULT_DELAYS };
  for (const [name, value] of Object.entries(given ?? {})) {
    if (!(name in delays))
      throw new SandboxConfigError('delays', `Unknown delay ${name}; use ${Object.keys(DEFAULT_DELAYS).join(', ')}.`);
    delays[name as keyof SandboxDelays] = checkNumber(`delays.${name}`, value, { ...MS, min: 0 }, configError)!;
  }
  return delays;
}

function publicOriginOf(publicUrl: string | undefined): string | undefined {
  if (publicUrl === undefined) return undefined;
  try {
    return new URL(publicUrl).origin;
  } catch {
    throw new SandboxConfigError('publicUrl', `publicUrl ${JSON.stringify(publicUrl)} is not an absolute URL.`);
  }
}
