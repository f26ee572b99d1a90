/**
 * What an error may show of a request or of a server's answer: tokens in URL paths and request
 * signatures are replaced, control characters in server text are escaped (no forged log lines).
 */

/**
 * Path segments that follow these names are bearer tokens (`buyers/{buyerToken}`,
 * `authorizationTokens/{mwsAuthToken}`).
 */
const SECRET_SEGMENT_AFTER: ReadonlySet<string> = new Set(['buyers', 'authorizationtokens']);
export const REDACTED = '[redacted]';

/** The URL as errors show it: every token segment replaced by `[redacted]`. */
export function redactUrl(url: string): string {
  const at = url.search(/[?#]/);
  const path = at < 0 ? url : url.slice(0, at);
  const rest = at < 0 ? '' : url.slice(at);
  const head = /^[a-z][a-z0-9+.-]*:\/\/[^/]*/i.exec(path)?.[0] ?? '';
  const segments = path.slice(head.length).split('/');
  for (let i = 1; i < segments.length; i++) {
    if (SECRET_SEGMENT_AFTER.has(segments[i - 1]!.toLowerCase()) && segments[i] !== '') segments[i] = REDACTED;
  }
  return head + segments.join('/') + rest;
}

/** The token values in a request path (unencoded), so a server that echoes them can be scrubbed too. */
export function secretSegments(path: string): string[] {
  const segments = path.split('/');
  return segments.filter((s, i) => i > 0 && s !== '' && SECRET_SEGMENT_AFTER.has(segments[i - 1]!.toLowerCase()));
}

/** Amazon's InvalidRequestSignature echo: `..., signature [<base64>]`. */
const ECHOED_SIGNATURE = /(signature\s*[[=:]\s*)[A-Za-z0-9+/=_-]{16,}/gi;

/**
 * Removes the request's own secrets (its signature, auth token, URL tokens) wherever the server echoed
 * them, and anything shaped like an echoed signature.
 */
export function scrubSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 8) continue; // too short to be a credential; replacing it would mangle text
    for (const form of new Set([secret, encodeURIComponent(secret)])) out = out.split(form).join(REDACTED);
  }
  return out.replace(ECHOED_SIGNATURE, `$1${REDACTED}`);
}

/** Escapes C0/C1 controls and line/paragraph separators, so server text stays on one log line. */
export function escapeControls(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
