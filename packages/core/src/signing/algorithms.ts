/** The two signature algorithms Amazon Pay accepts, and the RSA-PSS salt length each one implies. */
export const ALGORITHMS = {
  'AMZN-PAY-RSASSA-PSS': { saltLength: 20 },
  'AMZN-PAY-RSASSA-PSS-V2': { saltLength: 32 },
} as const;

/** `AMZN-PAY-RSASSA-PSS-V2` (salt 32, the default) or the older `AMZN-PAY-RSASSA-PSS` (salt 20). */
export type SigningAlgorithm = keyof typeof ALGORITHMS;

/** V2 (salt 32) is what Amazon recommends for new integrations. */
export const DEFAULT_ALGORITHM: SigningAlgorithm = 'AMZN-PAY-RSASSA-PSS-V2';

/** True for the two algorithm names Amazon Pay accepts. */
export function isSigningAlgorithm(value: unknown): value is SigningAlgorithm {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ALGORITHMS, value);
}
