import type { Payload, PayloadCodec, SerializationContext } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { open, seal } from './aes-gcm';
import type { DataKeyRing } from './data-key-ring';
import { erasedPayload } from './erased-payload';
import { ownerOfContext, parseKeyId } from './key-owner';

/** The `encoding` of an encrypted payload. */
export const ENCRYPTED_ENCODING = 'binary/encrypted';
/** The metadata key that names the data key, so that anyone holding the store can decode without a workflow id. */
export const KEY_ID_METADATA = 'encryption-key-id';

const ProtoPayload = temporal.api.common.v1.Payload;
const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/** `undefined` and `null` (void activities, empty results): nothing to hide, and no key to look up. */
const carriesNothing = (payload: Payload) => text(payload.metadata?.encoding) === 'binary/null';

/** Whether a payload is encrypted by this codec. */
export const isEncrypted = (payload: Payload): boolean => text(payload.metadata?.encoding) === ENCRYPTED_ENCODING;

/** The key id of an encrypted payload. */
export const keyIdOfPayload = (payload: Payload): string | undefined => text(payload.metadata?.[KEY_ID_METADATA]);

/**
 * Tenure's payload codec: AES-256-GCM of the whole original payload (data and metadata) under the
 * data key of the employee the payload belongs to (by the workflow id of its serialization
 * context), or the fleet key. The key id travels in the metadata (and is authenticated), so
 * decoding needs no context: a replaying worker and the UI's codec server decode alike.
 * A payload whose key was erased decodes to the "erased" placeholder.
 */
export class EncryptionCodec implements PayloadCodec {
  constructor(private readonly keys: DataKeyRing) {}

  async encode(payloads: Payload[], context?: SerializationContext): Promise<Payload[]> {
    if (!payloads.some((payload) => !carriesNothing(payload))) return payloads;
    const { keyId, key } = await this.keys.encodingKey(ownerOfContext(context));
    return payloads.map((payload) =>
      carriesNothing(payload)
        ? payload
        : {
            metadata: { encoding: Buffer.from(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: Buffer.from(keyId) },
            data: seal(key, ProtoPayload.encode(payload).finish(), keyId),
          },
    );
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    const keys = new Map<string, Promise<Awaited<ReturnType<DataKeyRing['decodingKey']>>>>();
    return Promise.all(
      payloads.map(async (payload) => {
        if (!isEncrypted(payload)) return payload;
        const keyId = keyIdOfPayload(payload) ?? '';
        const named = parseKeyId(keyId);
        if (!named) throw new PayloadDecryptionError(keyId);
        if (!keys.has(keyId)) keys.set(keyId, this.keys.decodingKey(named.owner, named.version));
        const found = await keys.get(keyId)!;
        if (found.state === 'unknown') throw new UnknownDataKeyError(keyId);
        if (found.state === 'erased') return erasedPayload(keyId, found.erasedAt);
        let plain: Buffer;
        try {
          plain = open(found.key, payload.data ?? new Uint8Array(), keyId);
        } catch (cause) {
          throw new PayloadDecryptionError(keyId, { cause });
        }
        return ProtoPayload.decode(plain);
      }),
    );
  }
}

/** A payload names a data key this store has never had (another deployment's, or a store that was replaced). */
export class UnknownDataKeyError extends Error {
  override name = 'UnknownDataKeyError';
  constructor(readonly keyId: string) {
    super(`data key ${keyId} is not in the Tenure store`);
  }
}

/** An encrypted payload that does not open: no Tenure key id, or bytes or key id changed since it was sealed. */
export class PayloadDecryptionError extends Error {
  override name = 'PayloadDecryptionError';
  constructor(
    readonly keyId: string,
    options?: { cause?: unknown },
  ) {
    super(
      parseKeyId(keyId)
        ? `the payload does not decrypt under data key ${keyId}: it was changed since it was encrypted`
        : `encrypted payload without a Tenure key id (${JSON.stringify(keyId)})`,
      options,
    );
  }
}
