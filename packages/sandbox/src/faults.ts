/**
 * Scripted failures for testing callers: push a fault onto `sandbox.faults` and the next matching
 * request(s) get it. A fault can answer with a status (and body/headers, e.g. `retry-after`), delay the
 * answer, or drop the connection; with `when: 'after'` the request is processed first and then its answer
 * is lost, which is how a retry that must not charge twice is tested.
 */
import { reasonForStatus } from './errors.js';

export interface SandboxFault {
  /** Which requests it applies to; all when absent. A string path matches when the URL path contains it. */
  match?: { method?: string; path?: string | RegExp };
  /** Answer with this status (429, 500, 503...). */
  status?: number;
  /** Body for `status`; an object is sent as JSON. Default: `{ reasonCode, message }` for the status. */
  body?: unknown;
  /** Extra response headers, e.g. `{ 'retry-after': '1' }`. */
  headers?: Record<string, string>;
  /** Wait this long before answering (or before processing, with no status and no drop). */
  delayMs?: number;
  /** Drop the connection: `sandbox.fetch` rejects with a TypeError, the Node server destroys the socket. */
  drop?: true;
  /** How many matching requests it applies to (default 1; `Infinity` for all). */
  times?: number;
  /** `before` (default): the request is not processed. `after`: processed, then the answer is replaced. */
  when?: 'before' | 'after';
}

/** Thrown by `sandbox.fetch` for a dropped connection; the Node server destroys the socket when it sees it. */
export class SandboxConnectionDropped extends TypeError {
  override name = 'TypeError' as const;
  readonly code = 'ERR_AMAZON_PAY_SANDBOX_DROPPED' as const;
  constructor() {
    super('fetch failed', { cause: new Error('The sandbox dropped the connection (a scripted fault).') });
  }
}

function matches(fault: SandboxFault, method: string, pathname: string): boolean {
  const m = fault.match;
  if (!m) return true;
  if (m.method && m.method.toUpperCase() !== method) return false;
  if (m.path === undefined) return true;
  return typeof m.path === 'string' ? pathname.includes(m.path) : m.path.test(pathname);
}

/** Takes (and counts down) the first fault that applies to this request, if any. */
export function takeFault(faults: SandboxFault[], method: string, pathname: string): SandboxFault | undefined {
  const index = faults.findIndex((f) => (f.times ?? 1) > 0 && matches(f, method, pathname));
  if (index < 0) return undefined;
  const fault = faults[index]!;
  const left = (fault.times ?? 1) - 1;
  if (left <= 0) faults.splice(index, 1);
  else fault.times = left;
  return fault;
}

/** The scripted answer of a fault that has a status. */
export function faultResponse(fault: SandboxFault & { status: number }): {
  status: number;
  body: string;
  headers: Record<string, string>;
} {
  const body =
    fault.body === undefined
      ? JSON.stringify({
          reasonCode: reasonForStatus(fault.status),
          message: `Scripted sandbox fault: HTTP ${fault.status}.`,
        })
      : typeof fault.body === 'string'
        ? fault.body
        : JSON.stringify(fault.body);
  return { status: fault.status, body, headers: { 'content-type': 'application/json', ...fault.headers } };
}
