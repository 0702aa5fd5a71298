/**
 * The joiner request's digest, kept plain in visibility after the run's payloads are shredded: it
 * must recognise a replayed request without letting anyone confirm a guessed record (name, e-mail).
 */
import { createHash } from 'node:crypto';
import { canonicalJson, RequestDigests } from '../../api/lifecycle/request-hash';
import { newMasterKeyEntry, parseMasterKeys, type MasterKeys } from '../../codec/master-keys';
import { employeeRecord } from '../helpers/lifecycle';

const keysOf = (...entries: string[]): MasterKeys => {
  const parsed = parseMasterKeys(entries.join(','));
  if (!('keys' in parsed)) throw new Error(parsed.problems.join('; '));
  return parsed.keys;
};

const record = employeeRecord(Date.parse('2027-03-01T00:00:00Z'), { givenName: 'Ottilie', familyName: 'Quarmby' });

describe('request digests', () => {
  it('is keyed: nobody without the master keys can compute it from a guessed record', () => {
    const digest = new RequestDigests(keysOf(newMasterKeyEntry('k1'))).of(record);
    expect(digest).toMatch(/^k1:[0-9a-f]{64}$/);
    expect(digest.slice(3)).not.toBe(createHash('sha256').update(canonicalJson(record)).digest('hex'));
    // Another deployment (another master key) gets another digest for the same record.
    expect(new RequestDigests(keysOf(newMasterKeyEntry('k1'))).of(record)).not.toBe(digest);
  });

  it('recognises the same request, and no other', () => {
    const digests = new RequestDigests(keysOf(newMasterKeyEntry('k1')));
    const digest = digests.of(record);
    expect(digests.matches(digest, { ...record })).toBe(true);
    expect(digests.matches(digest, { ...record, familyName: 'Quarmbey' })).toBe(false);
    expect(digests.matches(undefined, record)).toBe(false);
    expect(digests.matches('not-a-digest', record)).toBe(false);
  });

  it('still recognises a request digested under an older master key while that key is listed', () => {
    const old = newMasterKeyEntry('k1');
    const digest = new RequestDigests(keysOf(old)).of(record);
    const rotated = new RequestDigests(keysOf(newMasterKeyEntry('k2'), old));
    expect(rotated.matches(digest, record)).toBe(true);
    expect(rotated.of(record)).toMatch(/^k2:/);
    expect(new RequestDigests(keysOf(newMasterKeyEntry('k2'))).matches(digest, record)).toBe(false);
  });
});
