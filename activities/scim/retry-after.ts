/**
 * Milliseconds to wait according to a `Retry-After` header (RFC 9110 §10.2.3): either delay-seconds
 * or an HTTP-date. Undefined when absent or unreadable; a date in the past means no wait.
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value == null) return undefined;
  const trimmed = value.trim();
  if (trimmed === '') return undefined;
  // Checked before Date.parse, which would read "120" or "1.5" as a calendar date.
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  // An HTTP-date always names its month: "-1" and the like are unreadable, not dates.
  if (!/[a-z]/i.test(trimmed)) return undefined;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - now);
}
