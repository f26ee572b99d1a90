/** Authorization token ("token exchange") for solution providers. */

/** Response of Get Authorization Token (`GET v2/authorizationTokens/{mwsAuthToken}?merchantId=`). */
export interface AuthorizationToken {
  /** Token to send as `x-amz-pay-authtoken` when calling on the merchant's behalf. */
  authorizationToken: string;
}
