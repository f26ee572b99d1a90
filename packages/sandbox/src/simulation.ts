/**
 * Amazon's sandbox simulation strings, sent in the `x-amz-pay-simulation-code` header (signed or not),
 * per operation. Amazon documents those on Complete Checkout Session, Create Charge and Close Charge
 * Permission (SIMULATION_CODES). SIMULATION_EXTENSIONS exist only here, for outcomes Amazon's sandbox
 * offers through simulated payment methods instead; they are refused like any unlisted code unless the
 * sandbox was created with `simulationExtensions: true`. Any other code, or any code on a live path,
 * answers `InvalidSandboxSimulationSpecified`, as Amazon answers it.
 */
import { ApiError } from './errors.js';
import type { OperationName } from './routes.js';
import type { Environment } from '@amazon-pay-edge/core';

const DECLINES = ['SoftDeclined', 'HardDeclined', 'AmazonRejected', 'TransactionTimedOut'] as const;

export const SIMULATION_CODES: Readonly<Partial<Record<OperationName, readonly string[]>>> = {
  completeCheckoutSession: ['BuyerCanceled', 'AmazonCanceled', 'Declined', 'AuthorizationInitiated'],
  finalizeCheckoutSession: ['BuyerCanceled', 'AmazonCanceled', 'Declined', 'AuthorizationInitiated'],
  createCharge: [...DECLINES, 'AuthorizationInitiated', 'CaptureInitiated'],
  closeChargePermission: ['AmazonClosed'],
};

/** Codes Amazon does not list for these operations: accepted only with `simulationExtensions: true`. */
export const SIMULATION_EXTENSIONS: Readonly<Partial<Record<OperationName, readonly string[]>>> = {
  captureCharge: ['CaptureInitiated'],
  createRefund: ['AmazonRejected', 'ProcessingFailure'],
  charge: [...DECLINES], // In-Store
};

export const DECLINE_CODES: readonly string[] = DECLINES;

/** The simulation code of this request, checked against the operation; undefined when none was sent. */
export function simulationFor(
  operation: OperationName,
  header: string | null,
  env: Environment,
  extensions = false,
): string | undefined {
  if (header === null || header.trim() === '') return undefined;
  const code = header.trim();
  if (env === 'live') {
    throw new ApiError(
      'InvalidSandboxSimulationSpecified',
      'Simulation codes (x-amz-pay-simulation-code) only work in the Sandbox environment.',
    );
  }
  const allowed = [
    ...(SIMULATION_CODES[operation] ?? []),
    ...(extensions ? (SIMULATION_EXTENSIONS[operation] ?? []) : []),
  ];
  if (!allowed.includes(code)) {
    throw new ApiError(
      'InvalidSandboxSimulationSpecified',
      allowed.length
        ? `Simulation code ${code} is not valid for ${operation}; use one of ${allowed.join(', ')}.`
        : `${operation} does not take a simulation code (got ${code}).`,
    );
  }
  return code;
}
