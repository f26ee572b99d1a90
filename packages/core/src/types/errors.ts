/** Error bodies returned by the Amazon Pay API (non-2xx responses). */

/**
 * Documented `reasonCode` values of API errors: the generic table plus per-operation codes.
 * Open-ended (`string & {}`) so codes added by Amazon later still type-check.
 */
export type ReasonCode =
  // 400 Bad Request
  | 'InvalidHeaderValue'
  | 'InvalidRequest'
  | 'InvalidParameterValue'
  | 'InvalidRequestFormat'
  | 'MissingHeader'
  | 'MissingHeaderValue'
  | 'MissingParameterValue'
  | 'UnrecognizedField'
  | 'InvalidSandboxSimulationSpecified'
  | 'DuplicateIdempotencyKey'
  | 'InvalidParameterCombination'
  | 'CurrencyMismatch'
  | 'InvalidAPIVersion'
  | 'TransactionAmountExceeded'
  | 'PeriodicAmountExceeded'
  | 'CheckoutSessionCanceled'
  // 401 Unauthorized
  | 'UnauthorizedAccess'
  // 403 Forbidden
  | 'InvalidAuthentication'
  | 'InvalidAccountStatus'
  | 'InvalidRequestSignature'
  | 'InvalidAuthorizationToken'
  // 404 Not Found
  | 'ResourceNotFound'
  // 405 Method Not Allowed
  | 'UnsupportedOperation'
  | 'RequestNotSupported'
  // 408 Request Timeout
  | 'RequestTimeout'
  // 409 Conflict
  | 'AmountMismatch'
  // 422 Unprocessable Entity
  | 'InvalidChargePermissionStatus'
  | 'InvalidCheckoutSessionStatus'
  | 'InvalidChargeStatus'
  | 'ChargePermissionNotModifiable'
  | 'TransactionCountExceeded'
  | 'AmazonRejected'
  | 'SoftDeclined'
  | 'HardDeclined'
  | 'PaymentMethodNotAllowed'
  | 'MFANotCompleted'
  | 'TransactionTimedOut'
  // 426 Upgrade Required
  | 'TLSVersionNotSupported'
  // 429 Too Many Requests
  | 'TooManyRequests'
  // 500 Internal Server Error
  | 'InternalServerError'
  | 'ProcessingFailure'
  // 503 Service Unavailable
  | 'ServiceUnavailable'
  | (string & {});

/** JSON body of an error response. */
export interface ErrorBody {
  reasonCode: ReasonCode;
  /** Human-readable detail; for `InvalidRequestSignature` it echoes Amazon's string to sign. */
  message: string;
}
