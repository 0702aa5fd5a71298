import { gaveUpRetryDelay, unauthorizedRetryDelay } from '../../workflows/lifecycle/attempt';

const MINUTE = 60_000;

describe('Tenure’s own retries of a parked action', () => {
  it('retries a refused credential from a minute, doubling, up to 30 minutes for a deactivation and 6 hours for background work', () => {
    const delays = (action: Parameters<typeof unauthorizedRetryDelay>[1]) =>
      [1, 2, 3, 6, 10, 20].map((failures) => unauthorizedRetryDelay(failures, action) / MINUTE);
    expect(delays('deactivate')).toEqual([1, 2, 4, 30, 30, 30]);
    expect(delays('expire-retention')).toEqual([1, 2, 4, 30, 30, 30]);
    expect(delays('sync-profile')).toEqual([1, 2, 4, 32, 360, 360]);
    expect(delays('resolve-manager')).toEqual([1, 2, 4, 32, 360, 360]);
  });

  it('retries a non-critical action that gave up for now from an hour, doubling, up to a day', () => {
    expect([1, 2, 3, 5, 9].map((failures) => gaveUpRetryDelay(failures) / MINUTE)).toEqual([60, 120, 240, 960, 1440]);
  });
});
