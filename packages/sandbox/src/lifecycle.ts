/**
 * Time-driven transitions, evaluated lazily: a record carries timers (`at`, an optional state guard, and
 * the fields to set), and whenever the record is read they are applied in order if the lifecycle clock
 * has passed them. Expiries (a 24-hour checkout session, a 30-day authorization) and asynchronous steps
 * (RefundInitiated -> Refunded) are all timers, so the outcome depends only on the clock.
 */
import { stamp } from './clock.js';

export interface Timer {
  at: number;
  /** Apply only while the record is in one of these states. */
  ifState?: string[];
  patch: Record<string, unknown>;
}

export interface Timed {
  _timers?: Timer[];
  statusDetails?: { state: string };
  processingStatus?: string;
}

export function stateOf(record: Timed): string | undefined {
  return record.statusDetails?.state ?? record.processingStatus;
}

export function statusDetails(
  state: string,
  at: number,
  reasonCode: string | null = null,
  reasonDescription: string | null = null,
) {
  return { state, reasonCode, reasonDescription, lastUpdatedTimestamp: stamp(at) };
}

/** A timer that moves the record to `state` at `at`. */
export function transition(
  at: number,
  state: string,
  options: {
    reasonCode?: string | null;
    reasonDescription?: string | null;
    ifState?: string[];
    patch?: Record<string, unknown>;
  } = {},
): Timer {
  const timer: Timer = {
    at,
    patch: {
      ...options.patch,
      statusDetails: statusDetails(state, at, options.reasonCode ?? null, options.reasonDescription ?? null),
    },
  };
  if (options.ifState) timer.ifState = options.ifState;
  return timer;
}

export function schedule(record: Timed, timer: Timer): void {
  record._timers = [...(record._timers ?? []), timer].sort((a, b) => a.at - b.at);
}

export function clearTimers(record: Timed): void {
  delete record._timers;
}

/** Applies every due timer; returns whether the record changed. */
export function settle(record: Timed, now: number): boolean {
  const timers = record._timers;
  if (!timers?.length) return false;
  let changed = false;
  const rest: Timer[] = [];
  for (const timer of timers) {
    if (timer.at > now) {
      rest.push(timer);
      continue;
    }
    changed = true;
    const state = stateOf(record);
    if (timer.ifState && (state === undefined || !timer.ifState.includes(state))) continue;
    Object.assign(record, timer.patch);
  }
  if (rest.length) record._timers = rest;
  else delete record._timers;
  return changed;
}
