/**
 * Amazon Pay's error reason codes and the HTTP status each one is answered with (the reference's
 * "Manage errors" table plus the per-operation codes, as in core's `ReasonCode` type), and the two error
 * classes of the sandbox: `ApiError` (becomes a `{ reasonCode, message }` response) and
 * `SandboxConfigError` (thrown to the developer who configured the sandbox wrongly).
 */

export const REASON_STATUS = {
  InvalidHeaderValue: 400,
  InvalidRequest: 400,
  InvalidParameterValue: 400,
  InvalidRequestFormat: 400,
  MissingHeader: 400,
  MissingHeaderValue: 400,
  MissingParameterValue: 400,
  UnrecognizedField: 400,
  InvalidSandboxSimulationSpecified: 400,
  DuplicateIdempotencyKey: 400,
  InvalidParameterCombination: 400,
  CurrencyMismatch: 400,
  InvalidAPIVersion: 400,
  TransactionAmountExceeded: 400,
  PeriodicAmountExceeded: 400,
  CheckoutSessionCanceled: 400,
  UnauthorizedAccess: 401,
  InvalidAuthentication: 403,
  InvalidAccountStatus: 403,
  InvalidRequestSignature: 403,
  InvalidAuthorizationToken: 403,
  ResourceNotFound: 404,
  UnsupportedOperation: 405,
  RequestNotSupported: 405,
  RequestTimeout: 408,
  AmountMismatch: 409,
  InvalidChargePermissionStatus: 422,
  InvalidCheckoutSessionStatus: 422,
  InvalidChargeStatus: 422,
  ChargePermissionNotModifiable: 422,
  TransactionCountExceeded: 422,
  AmazonRejected: 422,
  SoftDeclined: 422,
  HardDeclined: 422,
  PaymentMethodNotAllowed: 422,
  MFANotCompleted: 422,
  TransactionTimedOut: 422,
  TooManyRequests: 429,
  InternalServerError: 500,
  ProcessingFailure: 500,
  ServiceUnavailable: 503,
} as const;

export type SandboxReasonCode = keyof typeof REASON_STATUS;

/** Default reason code for a scripted fault's status when the fault gives no body. */
export function reasonForStatus(status: number): string {
  if (status === 429) return 'TooManyRequests';
  if (status === 503) return 'ServiceUnavailable';
  if (status === 408) return 'RequestTimeout';
  if (status >= 500) return 'InternalServerError';
  return 'InvalidRequest';
}

/** An API failure; the sandbox answers it as Amazon does: the table's status and `{ reasonCode, message }`. */
export class ApiError extends Error {
  override name = 'ApiError' as const;
  readonly code = 'ERR_AMAZON_PAY_SANDBOX_API' as const;
  readonly reasonCode: SandboxReasonCode;
  readonly status: number;
  constructor(reasonCode: SandboxReasonCode, message: string) {
    super(message);
    this.reasonCode = reasonCode;
    this.status = REASON_STATUS[reasonCode];
  }
}

/** `createSandbox`/`serveSandbox` were given an option they cannot use; `field` names it. */
export class SandboxConfigError extends Error {
  override name = 'SandboxConfigError' as const;
  readonly code = 'ERR_AMAZON_PAY_SANDBOX_CONFIG' as const;
  readonly field: string;
  constructor(field: string, message: string) {
    super(message);
    this.field = field;
  }
}
