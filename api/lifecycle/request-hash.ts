import { createHash } from 'node:crypto';
import type { EmployeeRecord } from '../../workflows/contract';

/** JSON with sorted keys and no undefined values: equal records give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The identity of a joiner request: sha256 of its canonical employee record. */
export function requestHash(record: EmployeeRecord): string {
  return createHash('sha256').update(canonicalJson(record)).digest('hex');
}

/** The record fields whose values differ between two records (for a 409's details). */
export function differingFields(a: EmployeeRecord, b: EmployeeRecord): string[] {
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])] as (keyof EmployeeRecord)[];
  return keys.filter((key) => canonicalJson(a[key]) !== canonicalJson(b[key])).sort();
}
