import type { EmployeeStatus } from '../../workflows/contract';

export { DAY, HOUR, dateIn, employeeRecord, nextEmployeeId } from '../../scripts/lib/fixtures/employee-record';
export { finalStatus, startLifecycle, statusOf, statusWhen } from '../../scripts/lib/fixtures/lifecycle-handle';

export const events = (s: EmployeeStatus, name?: string) =>
  s.timeline.filter((e) => !name || e.event === name).map((e) => e.event);

/** Timers fire at their due instant; the workflow sees it a few milliseconds later. */
export function expectAt(iso: string | undefined, due: number): void {
  expect(iso).toBeDefined();
  const actual = Date.parse(iso!);
  expect(actual).toBeGreaterThanOrEqual(due);
  expect(actual - due).toBeLessThan(1000);
}
