import type { Payload } from '@temporalio/common';
import { z } from 'zod';

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const bytes = z
  .string()
  .max(4 * 1024 * 1024)
  .regex(BASE64, 'must be base64');

/** A payload in the protobuf JSON mapping (bytes as base64), as the Temporal UI and CLI send it. */
export const jsonPayloadSchema = z.object({
  metadata: z.record(z.string().max(256), bytes).optional(),
  data: bytes.optional(),
});

/** The body and the answer of `/codec/encode` and `/codec/decode` (the Payloads message). */
export const payloadsSchema = z
  .object({ payloads: z.array(jsonPayloadSchema).max(1000) })
  .meta({ examples: [{ payloads: [{ metadata: { encoding: 'anNvbi9wbGFpbg==' }, data: 'IkFkYSI=' }] }] });
export type JsonPayload = z.output<typeof jsonPayloadSchema>;

/** A JSON payload as the SDK's Payload. */
export function fromJson(payload: JsonPayload): Payload {
  return {
    metadata: Object.fromEntries(Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64')])),
    data: Buffer.from(payload.data ?? '', 'base64'),
  };
}

/** The SDK's Payload as JSON. */
export function toJson(payload: Payload): JsonPayload {
  return {
    metadata: Object.fromEntries(
      Object.entries(payload.metadata ?? {}).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
    ),
    data: Buffer.from(payload.data ?? new Uint8Array()).toString('base64'),
  };
}
