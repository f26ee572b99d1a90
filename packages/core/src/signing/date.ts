/**
 * The one place `x-amz-pay-date` is formatted: ISO 8601 basic form in UTC, `yyyyMMddTHHmmssZ`.
 */
export function formatAmzDate(date: Date | number): string {
  const ms = typeof date === 'number' ? date : new Date(date).getTime();
  // Requests within one second share the text: each signature formats the date, and a second holds thousands.
  const second = Math.floor(ms / 1000);
  if (second === last.second) return last.text;
  const iso = new Date(ms).toISOString(); // 2024-01-01T00:00:00.000Z
  const text = iso.slice(0, 19).replace(/[-:]/g, '') + 'Z';
  last = { second, text };
  return text;
}

let last = { second: Number.NaN, text: '' };

/** Parses `yyyyMMddTHHmmssZ` (and the extended form the official Node SDK sends). Returns ms or NaN. */
export function parseAmzDate(value: string): number {
  const m = /^(\d{4})-?(\d{2})-?(\d{2})T(\d{2}):?(\d{2}):?(\d{2})Z$/.exec(value);
  if (!m) return Number.NaN;
  const [, y, mo, d, h, mi, s] = m.map(Number) as [number, number, number, number, number, number, number];
  const ms = Date.UTC(y, mo - 1, d, h, mi, s);
  // Reject dates that Date.UTC silently rolled over (month 13, second 61, ...).
  return formatAmzDate(ms) === `${m[1]}${m[2]}${m[3]}T${m[4]}${m[5]}${m[6]}Z` ? ms : Number.NaN;
}
