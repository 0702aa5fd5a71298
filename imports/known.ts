import { mapBounded } from '../api/lifecycle/map-bounded';
import type { EmployeeSummary } from '../api/schemas/status';
import { LIVE_STAGES, type EmployeeStatus } from '../workflows/contract';
import { errorOf, type ApiPort } from './api-port';

/**
 * What Tenure knows of an employee, read through the API (GET /v1/employees/{id}) — the import
 * needs no access to Temporal: unknown, a running lifecycle with its record in force, a lifecycle
 * that ended (its personal data erased), or a status that could not be read now.
 */
export type Known =
  | { kind: 'unknown' }
  | { kind: 'running'; status: EmployeeStatus }
  | { kind: 'ended'; stage?: string }
  | { kind: 'unreadable'; message: string };

/** Reads one employee's status. */
export async function readKnown(port: ApiPort, employeeId: string): Promise<Known> {
  const reply = await port.send({ method: 'GET', path: `/employees/${encodeURIComponent(employeeId)}` });
  if (reply.status === 404) return { kind: 'unknown' };
  if (reply.status !== 200) return { kind: 'unreadable', message: errorOf(reply).message };
  const body = reply.body as Partial<EmployeeStatus> & { ended?: boolean; degraded?: boolean; stage?: string };
  if (body.ended) return { kind: 'ended', ...(body.stage ? { stage: body.stage } : {}) };
  if (!body.timeline || !body.employee) {
    return { kind: 'unreadable', message: 'its lifecycle did not answer its status (no worker?); try again later' };
  }
  return { kind: 'running', status: body as EmployeeStatus };
}

/** Reads many employees' statuses, a few at a time, telling `onRead` after each. */
export async function readAllKnown(
  port: ApiPort,
  employeeIds: readonly string[],
  concurrency: number,
  onRead: () => void = () => {},
): Promise<Map<string, Known>> {
  const known = await mapBounded(employeeIds, concurrency, async (id) => {
    const result = await readKnown(port, id);
    onRead();
    return [id, result] as const;
  });
  return new Map(known);
}

/** Every employee in a live stage (Provisioning to Active), from the list route, page by page. */
export async function listLive(port: ApiPort): Promise<EmployeeSummary[]> {
  const items: EmployeeSummary[] = [];
  let cursor: string | null = null;
  do {
    const query: string = `stage=${LIVE_STAGES.join(',')}&limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const reply = await port.send({ method: 'GET', path: `/employees?${query}` });
    if (reply.status !== 200) throw new Error(`listing the active employees failed: ${errorOf(reply).message}`);
    const page = reply.body as { items: EmployeeSummary[]; nextCursor: string | null };
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}
