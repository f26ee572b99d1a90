/**
 * Amazon's sandbox simulation strings, sent in the `x-amz-pay-simulation-code` header (signed or not),
 * per operation. Amazon documents those on Complete Checkout Session, Create Charge and Close Charge
 * Permission; the ones marked "extension" exist only here, for outcomes Amazon's sandbox offers through
 * simulated payment methods instead. Any other code, or any code on a live path, answers
 * `InvalidSandboxSimulationSpecified`.
 */
import { ApiError } from './errors.js';
import type { OperationName } from './routes.js';
import type { Environment } from './verify/verify.js';

const DECLINES = ['SoftDeclined', 'HardDeclined', 'AmazonRejected', 'TransactionTimedOut'] as const;

export const SIMULATION_CODES: Readonly<Partial<Record<OperationName, readonly string[]>>> = {
  completeCheckoutSession: ['BuyerCanceled', 'AmazonCanceled', 'Declined', 'AuthorizationInitiated'],
  finalizeCheckoutSession: ['BuyerCanceled', 'AmazonCanceled', 'Declined', 'AuthorizationInitiated'],
  createCharge: [...DECLINES, 'AuthorizationInitiated', 'CaptureInitiated'],
  // extensions
  captureCharge: ['CaptureInitiated'],
  createRefund: ['AmazonRejected', 'ProcessingFailure'],
  charge: [...DECLINES], // In-Store
  closeChargePermission: ['AmazonClosed'],
};

export const DECLINE_CODES: readonly string[] = DECLINES;

/** The simulation code of this request, checked against the operation; undefined when none was sent. */
export function simulationFor(operation: OperationName, header: string | null, env: Environment): string | undefined {
  if (header === null || header.trim() === '') return undefined;
  const code = header.trim();
  if (env === 'Live') {
    throw new ApiError('InvalidSandboxSimulationSpecified', 'Simulation codes (x-amz-pay-simulation-code) only work in the Sandbox environment.');
  }
  const allowed = SIMULATION_CODES[operation] ?? [];
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
