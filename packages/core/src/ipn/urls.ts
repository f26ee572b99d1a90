/** Which URLs an IPN may make this SDK fetch: SigningCertURL and SubscribeURL. */
import { AmazonPayIpnError, type IpnErrorReason } from '../errors.js';

/** The pattern AWS's own SNS message validators use for SNS hosts. */
export const SNS_HOST_PATTERN = /^sns\.[a-zA-Z0-9-]{3,}\.amazonaws\.com(\.cn)?$/;

export interface UrlPolicy {
  /**
   * Extra hosts to accept besides SNS's, e.g. a local sandbox's `127.0.0.1:8787`. An entry with a port
   * matches that host and port only; one without matches the host on any port.
   */
  allowedCertificateHosts?: readonly string[] | undefined;
  /** Accept `http:` URLs, and only on `allowedCertificateHosts` (SNS hosts always need https). Default false. */
  allowInsecureCertificateUrl?: boolean | undefined;
}

function isExplicitlyAllowed(url: URL, policy: UrlPolicy): boolean {
  return (policy.allowedCertificateHosts ?? []).some((entry) => {
    const wanted = entry.toLowerCase();
    return wanted === url.host || wanted === url.hostname;
  });
}

/**
 * Parses `value` and checks it against the policy: `https:` on an SNS host with the default port, or an
 * explicitly allowed host (where `http:` needs `allowInsecureCertificateUrl`). Returns the URL to fetch.
 */
export function checkSnsUrl(value: string, field: 'SigningCertURL' | 'SubscribeURL', policy: UrlPolicy): string {
  const reason: IpnErrorReason = field === 'SigningCertURL' ? 'CERT_URL' : 'SUBSCRIBE_URL';
  const shown = JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new AmazonPayIpnError(
      reason,
      `${field} ${shown} is not an absolute URL; this message did not come from Amazon SNS.`,
    );
  }
  if (url.username || url.password) {
    throw new AmazonPayIpnError(
      reason,
      `${field} ${shown} carries credentials; this message did not come from Amazon SNS.`,
    );
  }
  const explicit = isExplicitlyAllowed(url, policy);
  if (!explicit && !(SNS_HOST_PATTERN.test(url.hostname) && url.port === '')) {
    throw new AmazonPayIpnError(
      reason,
      `${field} ${shown} is not on an Amazon SNS host (sns.<region>.amazonaws.com); this message ` +
        `did not come from Amazon SNS. ` +
        'To accept a test host (a local sandbox), list it in allowedCertificateHosts.',
    );
  }
  // What AWS's own validators require besides the host: the certificate is a .pem file, and the
  // SubscribeURL is a ConfirmSubscription call (so a forged message cannot make us call other SNS actions).
  if (field === 'SigningCertURL' && !url.pathname.toLowerCase().endsWith('.pem')) {
    throw new AmazonPayIpnError(
      reason,
      `SigningCertURL ${shown} does not name a .pem certificate; this message did not come from Amazon SNS.`,
    );
  }
  if (field === 'SubscribeURL' && !explicit && url.searchParams.get('Action') !== 'ConfirmSubscription') {
    throw new AmazonPayIpnError(
      reason,
      `SubscribeURL ${shown} is not an SNS ConfirmSubscription call; this message did not come from Amazon SNS.`,
    );
  }
  if (url.protocol === 'https:') return url.href;
  if (url.protocol === 'http:' && explicit && policy.allowInsecureCertificateUrl === true) return url.href;
  throw new AmazonPayIpnError(
    reason,
    url.protocol === 'http:'
      ? `${field} ${shown} is not https:. SNS always uses https; only a host in ` +
          `allowedCertificateHosts may use http:, and only with allowInsecureCertificateUrl: true (a local ` +
          `sandbox).`
      : `${field} ${shown} must be an https: URL.`,
  );
}
