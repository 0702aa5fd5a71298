import { brakeWouldEngage, peakPerHour } from '../../api/lifecycle/dry-run-batch';

const HOUR = 3_600_000;
const DAY_MS = 24 * HOUR;

describe('the peak of destructive actions per hour (batch dry run)', () => {
  it('counts the most instants within any one hour, not per clock hour', () => {
    expect(peakPerHour([])).toBe(0);
    expect(peakPerHour([0, 0, 0])).toBe(3);
    // 00:40, 01:10, 01:20: three within an hour although they straddle a clock hour
    expect(peakPerHour([40, 70, 80].map((m) => m * 60_000))).toBe(3);
    // exactly an hour apart: not within one hour
    expect(peakPerHour([0, HOUR, 2 * HOUR])).toBe(1);
    expect(peakPerHour([5 * HOUR, 0, HOUR - 1, 5 * HOUR + 1])).toBe(2);
  });
});

describe('whether a batch would engage the brake (batch dry run)', () => {
  const now = 0;
  const brake = { perHour: 3, lastHour: 0, held: 0 };

  it('engages past the hourly limit, counting what the brake counted in the last hour', () => {
    expect(brakeWouldEngage([1, 2, 3], brake, now)).toBe(false);
    expect(brakeWouldEngage([1, 2, 3, 4], brake, now)).toBe(true);
    expect(brakeWouldEngage([1], { ...brake, lastHour: 3 }, now)).toBe(true);
    // due tomorrow: the last hour's count has gone by then
    expect(brakeWouldEngage([DAY_MS], { ...brake, lastHour: 3 }, now)).toBe(false);
  });

  it('engages while the brake holds anything, and at a peak later on', () => {
    expect(brakeWouldEngage([DAY_MS], { ...brake, held: 1 }, now)).toBe(true);
    expect(brakeWouldEngage([DAY_MS, DAY_MS, DAY_MS, DAY_MS + 1], brake, now)).toBe(true);
  });
});
