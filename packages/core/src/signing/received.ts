/**
 * The receiving side of the canonical request: a URL as it arrived, turned back into the unencoded path
 * and query that the signer encoded (`canonicalUri` and `canonicalQuery` re-encode them).
 */

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text; // a malformed escape is kept as sent, so the signature check (not a throw) rejects it
  }
}

/** `/v2/a%2Fb` -> `/v2/a/b`... per segment, so an encoded `/` stays inside its segment's text. */
export function receivedPath(pathname: string): string {
  return pathname.split('/').map(decode).join('/');
}

/** `?a=1&a=2&b=x%3Dy` -> `{ a: ['1', '2'], b: ['x=y'] }`; a value keeps every `=` after the first. */
export function receivedQuery(search: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const part of search.replace(/^\?/, '').split('&')) {
    if (!part) continue;
    const at = part.indexOf('=');
    const name = decode(at < 0 ? part : part.slice(0, at));
    (out[name] ??= []).push(decode(at < 0 ? '' : part.slice(at + 1)));
  }
  return out;
}
