/**
 * Lenient readers of SCIM JSON. Service providers differ in small ways (ids as numbers, dates as
 * epoch seconds or ISO strings, attribute names in another case, which RFC 7643 §2.1 allows), so
 * every reader accepts the forms seen in the wild and reads anything else as absent.
 */

/** A JSON object from the wire. */
export type WireObject = Record<string, unknown>;

/** The response is not the SCIM resource it should be; the client turns it into an unexpected-response error. */
export class WireFormatError extends Error {
  override name = 'WireFormatError';
}

/** Whether `value` is a JSON object (not an array, not null). */
export function isWireObject(value: unknown): value is WireObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value of an attribute, matched case-insensitively as RFC 7643 §2.1 requires. */
export function attribute(object: WireObject | undefined, name: string): unknown {
  if (object === undefined) return undefined;
  if (Object.hasOwn(object, name)) return object[name];
  const lower = name.toLowerCase();
  const key = Object.keys(object).find((candidate) => candidate.toLowerCase() === lower);
  return key === undefined ? undefined : object[key];
}

/** A sub-object such as `name` or an extension block; undefined when absent or not an object. */
export function objectAttribute(object: WireObject | undefined, name: string): WireObject | undefined {
  const value = attribute(object, name);
  return isWireObject(value) ? value : undefined;
}

/** A string attribute; numbers become strings (Workplace sends some ids as numbers). */
export function stringAttribute(object: WireObject | undefined, name: string): string | undefined {
  return asString(attribute(object, name));
}

/** A string, or a finite number as a string; anything else is absent. */
export function asString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

/** A boolean attribute; the strings "true" and "false" (any case) count too. */
export function booleanAttribute(object: WireObject | undefined, name: string): boolean | undefined {
  const value = attribute(object, name);
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') {
    const lower = value.trim().toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return undefined;
}

/** A non-negative integer attribute, given as a number or a numeric string. */
export function countAttribute(object: WireObject | undefined, name: string): number | undefined {
  const value = attribute(object, name);
  const number = typeof value === 'string' && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isInteger(number) && number >= 0 ? number : undefined;
}

// Epoch values above this are milliseconds: as seconds they would be after the year 5000.
const LARGEST_EPOCH_SECONDS = 1e11;

/**
 * A date given as epoch seconds (number or numeric string), epoch milliseconds, or an ISO-8601
 * string. `0` is returned as the epoch itself; callers that read 0 as "none" check for it first.
 */
export function asDate(value: unknown): Date | undefined {
  let epoch: number | undefined;
  if (typeof value === 'number') epoch = value;
  else if (typeof value === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(value)) epoch = Number(value);
  if (epoch !== undefined) {
    if (!Number.isFinite(epoch)) return undefined;
    return new Date(Math.abs(epoch) > LARGEST_EPOCH_SECONDS ? epoch : epoch * 1000);
  }
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : new Date(at);
}

/** Whether a wire date means "none": Workplace sends `termDate: 0` (or nothing) for no termination date. */
export function isNoDate(value: unknown): boolean {
  return value === null || value === 0 || value === '0' || value === '';
}

/** Epoch seconds of a date, as Workplace's start/term date extension expects. */
export function toEpochSeconds(date: Date): number {
  return Math.floor(date.getTime() / 1000);
}

/** A copy of `object` without its undefined members, so request bodies carry only what was set. */
export function compact<T extends object>(object: T): T {
  return Object.fromEntries(Object.entries(object).filter(([, value]) => value !== undefined)) as T;
}
