import type { Payload } from '@temporalio/common';
import { defaultPayloadConverter } from '@temporalio/common';
import { DataKeyRing, EncryptionCodec, isErasedValue, keyIdOfPayload } from '../../codec';
import { UnknownDataKeyError } from '../../codec/encryption-codec';
import { newMasterKeyEntry, parseMasterKeys, type MasterKeys } from '../../codec/master-keys';
import { openStore, type TenureStore } from '../../store';
import { describeEachStore } from '../helpers/store-drivers';

const masterKeys = (...ids: string[]): MasterKeys => {
  const parsed = parseMasterKeys(
    ids.map((id) => entries.get(id) ?? entries.set(id, newMasterKeyEntry(id)).get(id)).join(','),
  );
  if (!('keys' in parsed)) throw new Error(parsed.problems.join('; '));
  return parsed.keys;
};
const entries = new Map<string, string>();

const employee = (id: string) => ({ type: 'workflow' as const, namespace: 'default', workflowId: `employee-${id}` });
const toPayload = (value: unknown) => defaultPayloadConverter.toPayload(value);
const fromPayload = (payload: Payload) => defaultPayloadConverter.fromPayload(payload);
const bytesOf = (payload: Payload) =>
  Buffer.concat([...Object.values(payload.metadata ?? {}), payload.data ?? new Uint8Array()]);

describeEachStore('the encryption codec', (site) => {
  let store: TenureStore;
  let clock: Date;
  const ring = (keys = masterKeys('m1')) => new DataKeyRing(store.dataKeys, keys, () => clock);
  beforeEach(async () => {
    store = await openStore(await site().fresh());
    clock = new Date('2026-12-01T09:00:00.000Z');
  });
  afterEach(async () => {
    await store.close();
  });

  it('encrypts an employee workflow payload under that employee key, with no plaintext left', async () => {
    const codec = new EncryptionCodec(ring());
    const [encoded] = await codec.encode([toPayload({ givenName: 'Ada', email: 'ada@example.com' })], employee('E1'));
    expect(keyIdOfPayload(encoded!)).toBe('employee:E1#1');
    expect(bytesOf(encoded!).toString('latin1')).not.toMatch(/Ada|ada@example|json\/plain/);
    const [decoded] = await codec.decode([encoded!]);
    expect(fromPayload(decoded!)).toEqual({ givenName: 'Ada', email: 'ada@example.com' });
  });

  it('encrypts payloads of other workflows and of no context under the fleet key', async () => {
    const codec = new EncryptionCodec(ring());
    const [keepAlive] = await codec.encode([toPayload('x')], {
      type: 'workflow',
      namespace: 'default',
      workflowId: 'tenure-directory-keep-alive-2026',
    });
    const [none] = await codec.encode([toPayload('y')]);
    expect([keyIdOfPayload(keepAlive!), keyIdOfPayload(none!)]).toEqual(['fleet#1', 'fleet#1']);
  });

  it("encrypts an activity's payloads under the key of the employee whose workflow scheduled it", async () => {
    const codec = new EncryptionCodec(ring());
    const [encoded] = await codec.encode([toPayload(1)], {
      type: 'activity',
      namespace: 'default',
      workflowId: 'employee-E7',
      activityId: '3',
      isLocal: true,
    });
    expect(keyIdOfPayload(encoded!)).toBe('employee:E7#1');
  });

  it('leaves undefined and null payloads as they are: they carry nothing and need no key', async () => {
    const codec = new EncryptionCodec(ring());
    const nothing = toPayload(undefined);
    expect(await codec.encode([nothing], employee('E2'))).toEqual([nothing]);
    expect(await store.dataKeys.newest('employee:E2')).toBeUndefined();
  });

  it('decodes a payload in another process with the same store and master keys, without any context', async () => {
    const [encoded] = await new EncryptionCodec(ring()).encode([toPayload('Grace')], employee('E3'));
    const [decoded] = await new EncryptionCodec(ring()).decode([encoded!]);
    expect(fromPayload(decoded!)).toBe('Grace');
  });

  it('refuses a payload whose key id was changed: the id is authenticated with the ciphertext', async () => {
    const codec = new EncryptionCodec(ring());
    const [mine] = await codec.encode([toPayload('Ada')], employee('E4'));
    await codec.encode([toPayload('other')], employee('E5'));
    const forged = { ...mine!, metadata: { ...mine!.metadata, 'encryption-key-id': Buffer.from('employee:E5#1') } };
    await expect(codec.decode([forged])).rejects.toThrow(/does not decrypt under data key employee:E5#1/);
  });

  it('fails on a key id the store has never had, naming it', async () => {
    const codec = new EncryptionCodec(ring());
    const [encoded] = await codec.encode([toPayload('x')], employee('E6'));
    const stranger = {
      ...encoded!,
      metadata: { ...encoded!.metadata, 'encryption-key-id': Buffer.from('employee:NOPE#1') },
    };
    await expect(codec.decode([stranger])).rejects.toThrow(new UnknownDataKeyError('employee:NOPE#1'));
  });

  it('answers the erased placeholder once the employee key is erased, and never fails on it', async () => {
    const keys = ring();
    const codec = new EncryptionCodec(keys);
    const [encoded] = await codec.encode([toPayload({ givenName: 'Ada' })], employee('E8'));
    await keys.erase('employee:E8');
    const [decoded] = await codec.decode([encoded!]);
    const value = fromPayload(decoded!);
    expect(isErasedValue(value)).toBe(true);
    expect(value).toMatchObject({ erased: true, keyId: 'employee:E8#1', erasedAt: '2026-12-01T09:00:00.000Z' });
    expect(await store.dataKeys.get('employee:E8', 1)).toMatchObject({ wrappedKey: null });
  });

  it('keeps decoding during PRIVACY_KEY_GRACE and erases when it ends, even without a sweep', async () => {
    const keys = ring();
    const codec = new EncryptionCodec(keys);
    const [encoded] = await codec.encode([toPayload('Ada')], employee('E9'));
    expect(await keys.erase('employee:E9', 60_000)).toEqual({ eraseAfter: '2026-12-01T09:01:00.000Z', erasedNow: 0 });
    expect(fromPayload((await codec.decode([encoded!]))[0]!)).toBe('Ada');
    // What the ending employment still writes during the grace is erased with it.
    expect(keyIdOfPayload((await codec.encode([toPayload('late')], employee('E9')))[0]!)).toBe('employee:E9#1');
    clock = new Date('2026-12-01T09:01:00.000Z');
    expect(isErasedValue(fromPayload((await codec.decode([encoded!]))[0]!))).toBe(true);
    expect(await store.dataKeys.get('employee:E9', 1)).toMatchObject({
      wrappedKey: null,
      erasedAt: '2026-12-01T09:01:00.000Z',
    });
  });

  it('erases idempotently: a second request neither fails nor moves the instant', async () => {
    const keys = ring();
    await new EncryptionCodec(keys).encode([toPayload('x')], employee('E10'));
    const first = await keys.erase('employee:E10', 60_000);
    clock = new Date('2026-12-01T09:00:30.000Z');
    expect(await keys.erase('employee:E10', 60_000)).toEqual({ eraseAfter: first.eraseAfter, erasedNow: 0 });
    expect(await keys.erase('employee:NEVER-HIRED')).toMatchObject({ erasedNow: 0 });
  });

  it('gives a rehired employee a new key: the old employment stays erased, the new one reads', async () => {
    const keys = ring();
    const codec = new EncryptionCodec(keys);
    const [old] = await codec.encode([toPayload('first employment')], employee('E11'));
    await keys.erase('employee:E11');
    const [rehire] = await codec.encode([toPayload('second employment')], employee('E11'));
    expect(keyIdOfPayload(rehire!)).toBe('employee:E11#2');
    const [oldDecoded, newDecoded] = await codec.decode([old!, rehire!]);
    expect(isErasedValue(fromPayload(oldDecoded!))).toBe(true);
    expect(fromPayload(newDecoded!)).toBe('second employment');
  });

  it('creates one key when many payloads of a new employee are encoded at once', async () => {
    const codecs = [new EncryptionCodec(ring()), new EncryptionCodec(ring()), new EncryptionCodec(ring())];
    const encoded = await Promise.all(codecs.map((codec, i) => codec.encode([toPayload(i)], employee('E12'))));
    expect(new Set(encoded.map(([p]) => keyIdOfPayload(p!)))).toEqual(new Set(['employee:E12#1']));
    expect(await store.dataKeys.versions('employee:E12')).toHaveLength(1);
  });

  it('rotation re-wraps every live key under the current master key, after which the old one can go', async () => {
    const before = new EncryptionCodec(ring(masterKeys('m1')));
    const payloads = await Promise.all(
      ['A', 'B', 'C'].map((id) => before.encode([toPayload(`name ${id}`)], employee(id))),
    );
    await new DataKeyRing(store.dataKeys, masterKeys('m1'), () => clock).erase('employee:C');

    const report = await ring(masterKeys('m2', 'm1')).rotate({ batchSize: 1 });
    expect(report).toEqual({ masterKeyId: 'm2', rewrapped: 2, byMasterKey: { m2: 2 } });
    expect(await ring(masterKeys('m2', 'm1')).rotate()).toMatchObject({ rewrapped: 0 });

    const after = new EncryptionCodec(ring(masterKeys('m2')));
    const decoded = await Promise.all(payloads.map(async ([p]) => fromPayload((await after.decode([p!]))[0]!)));
    expect(decoded.slice(0, 2)).toEqual(['name A', 'name B']);
    expect(isErasedValue(decoded[2])).toBe(true);
  });

  it('says which master key is missing when a data key is wrapped by one no longer listed', async () => {
    const [encoded] = await new EncryptionCodec(ring(masterKeys('m1'))).encode([toPayload('x')], employee('E13'));
    await expect(new EncryptionCodec(ring(masterKeys('m3'))).decode([encoded!])).rejects.toThrow(
      /wrapped by master key "m1", which TENURE_MASTER_KEYS does not list/,
    );
  });
});
