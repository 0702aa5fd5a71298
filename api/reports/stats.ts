/** Lag statistics of a report: nearest-rank percentiles, in seconds, null when there is nothing to measure. */
export interface LagStats {
  p50: number | null;
  p95: number | null;
  max: number | null;
}

/** The nearest-rank percentile `p` (0–100) of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** p50, p95 and max of some durations in seconds. */
export function lagStats(values: readonly number[]): LagStats {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), max: sorted.at(-1) ?? null };
}

/** A share as a fraction with four decimals, null for none of none. */
export const share = (part: number, whole: number): number | null =>
  whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;

/** Whole seconds from one ISO instant to another. */
export const secondsBetween = (from: string, to: string): number =>
  Math.round((Date.parse(to) - Date.parse(from)) / 1000);
