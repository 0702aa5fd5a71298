import { defaultPayloadConverter } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createPrivacyActivities, loadPrivacySettings } from '../../activities/privacy-activities';
import { DataKeyRing, EncryptionCodec, isErasedValue } from '../../codec';
import { newMasterKeyEntry, parseMasterKeys } from '../../codec/master-keys';
import { openStore, type TenureStore } from '../../store';
import { sqliteSite, type StoreSite } from '../helpers/store-drivers';

const keys = parseMasterKeys(newMasterKeyEntry('m1'));
if (!('keys' in keys)) throw new Error('bad test key');
const context = { type: 'workflow' as const, namespace: 'default', workflowId: 'employee-P1' };

let site: StoreSite;
let store: TenureStore;
beforeAll(async () => {
  site = await sqliteSite();
});
afterAll(async () => site.close());
beforeEach(async () => {
  store = await openStore(await site.fresh());
});
afterEach(async () => store.close());

describe('eraseEmployeeDataKey', () => {
  it("crypto-shreds the employee's payloads, and a retry or a second call changes nothing", async () => {
    const ring = new DataKeyRing(store.dataKeys, keys.keys);
    const codec = new EncryptionCodec(ring);
    const [payload] = await codec.encode([defaultPayloadConverter.toPayload({ email: 'p1@example.com' })], context);
    const { eraseEmployeeDataKey } = createPrivacyActivities(ring, { keyGraceMs: 0 });
    const env = new MockActivityEnvironment();
    await env.run(eraseEmployeeDataKey, { employeeId: 'P1' });
    await env.run(eraseEmployeeDataKey, { employeeId: 'P1' });
    const decoded = defaultPayloadConverter.fromPayload((await codec.decode([payload!]))[0]!);
    expect(isErasedValue(decoded)).toBe(true);
    expect(await store.dataKeys.versions('employee:P1')).toEqual([
      expect.objectContaining({ version: 1, wrappedKey: null, erasedAt: expect.any(String) }),
    ]);
  });

  it('waits PRIVACY_KEY_GRACE before the key is gone', async () => {
    let now = new Date('2026-12-01T00:00:00.000Z');
    const ring = new DataKeyRing(store.dataKeys, keys.keys, () => now);
    const codec = new EncryptionCodec(ring);
    const [payload] = await codec.encode([defaultPayloadConverter.toPayload('Ada')], context);
    const { keyGraceMs } = loadPrivacySettings({ PRIVACY_KEY_GRACE: '2 days' });
    await new MockActivityEnvironment().run(createPrivacyActivities(ring, { keyGraceMs }).eraseEmployeeDataKey, {
      employeeId: 'P1',
    });
    expect(defaultPayloadConverter.fromPayload((await codec.decode([payload!]))[0]!)).toBe('Ada');
    now = new Date('2026-12-03T00:00:00.000Z');
    expect(await ring.eraseDue()).toBe(1);
    expect(isErasedValue(defaultPayloadConverter.fromPayload((await codec.decode([payload!]))[0]!))).toBe(true);
  });

  it('refuses a PRIVACY_KEY_GRACE that is not a duration', () => {
    expect(() => loadPrivacySettings({ PRIVACY_KEY_GRACE: 'soon' })).toThrow(
      /PRIVACY_KEY_GRACE="soon": must be a duration/,
    );
    expect(loadPrivacySettings({})).toEqual({ keyGraceMs: 0 });
  });
});
