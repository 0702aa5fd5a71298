/**
 * Durations of the lifecycle policy in Temporal's notation (`'3 days'`, `'9h'`, `'-7d'`, `'90s'`,
 * `'1.5 hours'`): parsed here, in the contract, so that the configuration, the API's dry runs and
 * the workflow's planner read them the same way — and without the SDK's internal helpers.
 */

const UNITS: Record<string, number> = {
  ms: 1,
  msec: 1,
  msecs: 1,
  millisecond: 1,
  milliseconds: 1,
  s: 1_000,
  sec: 1_000,
  secs: 1_000,
  second: 1_000,
  seconds: 1_000,
  m: 60_000,
  min: 60_000,
  mins: 60_000,
  minute: 60_000,
  minutes: 60_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  w: 604_800_000,
  week: 604_800_000,
  weeks: 604_800_000,
};

const DURATION = /^(-?\d+(?:\.\d+)?)\s*([a-z]+)$/i;

/** The milliseconds of a duration, or undefined when it is not one (`'3 days'` → 259200000). */
export function parseDuration(value: string): number | undefined {
  const match = DURATION.exec(value.trim());
  if (!match) return undefined;
  const unit = UNITS[match[2]!.toLowerCase()];
  if (unit === undefined) return undefined;
  const ms = Number(match[1]) * unit;
  return Number.isFinite(ms) ? Math.round(ms) : undefined;
}

/** The milliseconds of a duration known to be valid (the policy is validated when it is read). */
export function durationMs(value: string): number {
  const ms = parseDuration(value);
  if (ms === undefined) throw new TypeError(`not a duration: '${value}'`);
  return ms;
}
