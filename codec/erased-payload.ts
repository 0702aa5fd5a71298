import type { Payload } from '@temporalio/common';

/** What a payload decodes to once its employee's data key was erased (crypto-shredded). */
export interface ErasedValue {
  erased: true;
  /** the data key that encrypted it: `employee:<employeeId>#<version>` */
  keyId: string;
  erasedAt: string;
  note: string;
}

/** Metadata key that marks a placeholder, beside `encoding: json/plain`. */
export const ERASED_METADATA = 'tenure-erased';

/**
 * The placeholder the codec answers instead of a payload whose key is erased: a JSON object that
 * says so, readable by the UI, the API and workflow code alike (instead of an error that would
 * stall a worker or blank a UI page).
 */
export function erasedPayload(keyId: string, erasedAt: string): Payload {
  const value: ErasedValue = {
    erased: true,
    keyId,
    erasedAt,
    note: 'personal data erased: the data key of this employment was destroyed',
  };
  return {
    metadata: { encoding: Buffer.from('json/plain'), [ERASED_METADATA]: Buffer.from(keyId) },
    data: Buffer.from(JSON.stringify(value)),
  };
}

/** Whether a decoded value is the erased placeholder. */
export function isErasedValue(value: unknown): value is ErasedValue {
  return typeof value === 'object' && value !== null && (value as { erased?: unknown }).erased === true;
}
