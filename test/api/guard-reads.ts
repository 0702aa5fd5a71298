import { eventually } from '../helpers/eventually';
import type { ApiBody, ApiCaller } from './support';

/** What `GET /v1/guard` answers: the brake's state, its counts, what it holds and the decisions taken. */
export interface GuardView {
  engaged: boolean;
  limits: { perHour: number; share: number };
  counted: { lastHour: number; lastDay: number };
  held: { slot: string; employeeId: string; action: string }[];
  decisions: { principal: string; decision: string; slots: string[]; note?: string }[];
}

/** The reads of a test that drives the brake through the API (started in `beforeAll`, hence `api()`). */
export interface GuardReads {
  /** an employee's status as HR reads it */
  status(id: string): Promise<ApiBody>;
  /** the status once `done` holds (30 s at most) */
  statusWhen(id: string, done: (status: ApiBody) => boolean): Promise<ApiBody>;
  /** the brake as an operator sees it */
  guard(): Promise<GuardView>;
}

/** The employee-status and guard reads shared by the brake and the snapshot-import tests. */
export function guardReads(api: () => ApiCaller): GuardReads {
  const status = async (id: string) => (await api().call('GET', `/v1/employees/${id}`)).body;
  return {
    status,
    statusWhen: (id, done) => eventually(() => status(id), done, { timeoutMs: 30_000, intervalMs: 250 }),
    guard: async () => (await api().call<GuardView>('GET', '/v1/guard', { as: 'operator' })).body,
  };
}
