/**
 * SCIM filter expressions (RFC 7644 §3.4.2.2). The comparison value of a filter is a JSON string, so
 * `"` and `\` (and control characters) are escaped as JSON does: scim2-parse-filter's `stringify`
 * writes the value with `JSON.stringify`, which is exactly that.
 */
import { stringify } from 'scim2-parse-filter';

// attrPath = [URI ":"] ATTRNAME *1subAttr; ATTRNAME = ALPHA *(nameChar), nameChar = "-" / "_" / DIGIT / ALPHA
const ATTRIBUTE_PATH = /^(urn:[A-Za-z0-9.:_-]+:)?[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z][A-Za-z0-9_-]*)?$/;

/** `attributePath eq "value"`, with the value quoted and escaped; throws on a malformed attribute path. */
export function eqFilter(attributePath: string, value: string): string {
  if (!ATTRIBUTE_PATH.test(attributePath)) throw new TypeError(`not a SCIM attribute path: ${attributePath}`);
  return stringify({ op: 'eq', attrPath: attributePath, compValue: value });
}
