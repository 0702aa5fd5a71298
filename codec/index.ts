import type { DataConverter } from '@temporalio/common';
import { openStore, type TenureStore } from '../store';
import { loadCodecConfig, type CodecConfig } from './config';
import { DataKeyRing } from './data-key-ring';
import { tenureDataConverter } from './data-converter';
import { EncryptionCodec } from './encryption-codec';

/** The codec of a process, with what it stands on. */
export interface OpenCodec {
  codec: EncryptionCodec;
  keys: DataKeyRing;
  /** for `new Client({ dataConverter })`, `Worker.create({ dataConverter })` */
  dataConverter: DataConverter;
  store: TenureStore;
  config: CodecConfig;
  /** closes the store, unless it was given */
  close(): Promise<void>;
}

/**
 * Opens the Tenure store (migrating it) and builds the codec on it: what each process that talks
 * to Temporal does first. Pass `store` to share one the process already has.
 */
export async function openCodec(
  options: { env?: NodeJS.ProcessEnv; config?: CodecConfig; store?: TenureStore } = {},
): Promise<OpenCodec> {
  const config = options.config ?? loadCodecConfig(options.env);
  const store = options.store ?? (await openStore(config.store));
  const keys = new DataKeyRing(store.dataKeys, config.masterKeys);
  const codec = new EncryptionCodec(keys);
  return {
    codec,
    keys,
    dataConverter: tenureDataConverter(codec),
    store,
    config,
    close: async () => {
      if (!options.store) await store.close();
    },
  };
}

export { loadCodecConfig, codecEnvSchema, type CodecConfig } from './config';
export { DataKeyRing, type RotationReport } from './data-key-ring';
export { FAILURE_CONVERTER_PATH, tenureDataConverter } from './data-converter';
export { ENCRYPTED_ENCODING, EncryptionCodec, isEncrypted, KEY_ID_METADATA, keyIdOfPayload } from './encryption-codec';
export { isErasedValue, type ErasedValue } from './erased-payload';
export { employeeOwner, FLEET_OWNER, ownerOfWorkflowId } from './key-owner';
