/**
 * `amazon-pay-edge trigger <event> --to URL`: asks a sandbox to make the event's object and POST an
 * SNS-signed IPN for it to the endpoint, then prints each delivery's HTTP status. The sandbox is a running
 * `amazon-pay-edge sandbox` (`--sandbox URL`: the object stays there, so the endpoint's re-fetch finds it
 * later too) or, without `--sandbox`, one started here on 127.0.0.1 for as long as the deliveries take.
 */
import { generateKeyPairSync } from 'node:crypto';
import { TRIGGER_EVENTS, TRIGGER_PATH, type SandboxTriggerSummary } from '@amazon-pay-edge/sandbox';

type Out = { log: (line: string) => void; error: (line: string) => void };

/** What the command line gave, checked by the caller for shape; checked here for meaning. */
export interface TriggerArgs {
  event: string;
  to: string;
  duplicates: number;
  delayMs: number;
  outOfOrder: boolean;
  /** A running sandbox's URL; undefined: start one here. */
  sandbox: string | undefined;
  /** Port of the sandbox started here (0: any free one). */
  port: number;
  /** Public keys for the sandbox started here, so the endpoint's signed re-fetch is accepted. */
  keys: Record<string, string>;
  json: boolean;
}

/** A usage mistake (exit 2), found before anything is made or sent. */
export class TriggerUsageError extends Error {}

/** The `--help` text after the usage line: the events and how to point an endpoint at the sandbox. */
export function triggerHelp(): string {
  const width = Math.max(...Object.keys(TRIGGER_EVENTS).map((name) => name.length));
  const events = Object.entries(TRIGGER_EVENTS).map(
    ([name, spec]) => `  ${name.padEnd(width)}  ${spec.objectType}/${spec.notificationType}: ${spec.summary}`,
  );
  return [
    'Events:',
    ...events,
    '',
    'Each delivery is reported with its HTTP status; exit 0 only when every one was answered 2xx.',
    '--duplicates N delivers each IPN N more times (same MessageId, as SNS redelivers); --delay MS pauses',
    'before each delivery after the first; --out-of-order also sends the earlier states’ IPNs after it.',
    '',
    'The endpoint must trust the sandbox’s SNS certificate (its SigningCertURL is the sandbox’s own host):',
    "  createIpnVerifier({ allowedCertificateHosts: ['127.0.0.1'], allowInsecureCertificateUrl: true })",
    'and, to re-fetch the object with a signed GET, point its client at the sandbox (baseUrl) and run the',
    'sandbox with its public key: `amazon-pay-edge sandbox --port 8788 --register ID=public.pem`, then',
    '`trigger … --sandbox http://127.0.0.1:8788`. Without --sandbox, a sandbox is started here for the',
    'deliveries only (--port, --register ID=public.pem as for `sandbox`).',
  ].join('\n');
}

const unusablePublicKey = () =>
  generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ type: 'spki', format: 'pem' }) as string;

/**
 * The sandbox answers the CLI once every delivery is made, and Node's fetch gives up waiting for an answer's
 * headers after 300 s: keep the paced deliveries well inside that (out of order sends at most 6 IPNs per round).
 */
const MAX_TOTAL_DELAY_MS = 240_000;

function checkArgs(args: TriggerArgs): void {
  if (!Object.hasOwn(TRIGGER_EVENTS, args.event))
    throw new TriggerUsageError(`unknown event "${args.event}"; use one of: ${Object.keys(TRIGGER_EVENTS).join(', ')}`);
  const rounds = args.duplicates + 1;
  const total = args.delayMs * (rounds * (args.outOfOrder ? 6 : 1) - 1);
  if (total > MAX_TOTAL_DELAY_MS)
    throw new TriggerUsageError(
      `--delay ${args.delayMs} with --duplicates ${args.duplicates}${args.outOfOrder ? ' and --out-of-order' : ''} ` +
        `would pause up to ${Math.round(total / 1000)} s; keep it under ${MAX_TOTAL_DELAY_MS / 1000} s`,
    );
  for (const [flag, value] of [
    ['--to', args.to],
    ['--sandbox', args.sandbox],
  ] as const) {
    if (value === undefined) continue;
    const url = URL.canParse(value) ? new URL(value) : undefined;
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:'))
      throw new TriggerUsageError(`${flag} must be an absolute http(s) URL, got ${value}`);
  }
}

/** Runs the command; resolves with the exit code (0 all 2xx, 1 a delivery failed or the sandbox refused). */
export async function runTrigger(args: TriggerArgs, out: Out): Promise<number> {
  checkArgs(args);
  let served: { url: string; close(): Promise<void> } | undefined;
  if (args.sandbox === undefined) {
    const { serveSandbox } = await import('@amazon-pay-edge/sandbox/node');
    // The sandbox needs one key at least: without --register, a key pair made here whose private half is
    // dropped, so it accepts no signed call (the endpoint's re-fetch needs --register or --sandbox).
    const keys = Object.keys(args.keys).length > 0 ? args.keys : { 'SANDBOX-TRIGGERNOKEY': unusablePublicKey() };
    served = await serveSandbox({ port: args.port, keys });
  }
  const base = (args.sandbox ?? served!.url).replace(/\/+$/, '');
  try {
    let response: Response;
    try {
      response = await fetch(`${base}${TRIGGER_PATH}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          event: args.event,
          to: args.to,
          duplicates: args.duplicates,
          delayMs: args.delayMs,
          outOfOrder: args.outOfOrder,
        }),
      });
    } catch (error) {
      const cause = (error as { cause?: { code?: string } }).cause?.code;
      out.error(
        `trigger: cannot reach the sandbox at ${base} (${cause ?? (error as Error).message}); ` +
          'start it with `amazon-pay-edge sandbox` or leave out --sandbox',
      );
      return 1;
    }
    const text = await response.text();
    if (response.status !== 200) {
      let message = text;
      try {
        message = (JSON.parse(text) as { message?: string }).message ?? text;
      } catch {
        message = text;
      }
      out.error(`trigger: the sandbox at ${base} answered ${response.status}: ${message}`);
      return 1;
    }
    const summary = JSON.parse(text) as SandboxTriggerSummary;
    if (args.json) out.log(JSON.stringify({ ...summary, sandbox: base }, null, 2));
    else report(summary, base, out);
    const failed = summary.deliveries.filter((d) => d.status === undefined || d.status < 200 || d.status > 299);
    if (failed.length > 0) {
      out.error(
        `trigger: ${failed.length} of ${summary.deliveries.length} deliveries to ${args.to} were not answered 2xx` +
          (failed[0]!.error ? `: ${failed[0]!.error}` : ` (first: HTTP ${failed[0]!.status})`),
      );
      return 1;
    }
    return 0;
  } finally {
    await served?.close();
  }
}

function report(summary: SandboxTriggerSummary, base: string, out: Out): void {
  out.log(
    `${summary.event}: ${summary.objectType} ${summary.objectId} ` +
      `(Charge Permission ${summary.chargePermissionId}) in the sandbox at ${base}`,
  );
  summary.deliveries.forEach((d, i) => {
    const outcome = d.status !== undefined ? `HTTP ${d.status}` : `failed: ${d.error}`;
    out.log(`  ${i + 1}. ${d.objectType} ${d.objectId} NotificationId ${d.notificationId} -> ${outcome}`);
  });
}
