import { peakPerHour } from '../../api/lifecycle/dry-run-batch';

const HOUR = 3_600_000;

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
