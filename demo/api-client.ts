import type { z } from 'zod';
import type { EmployeeChange, Joiner } from '../api/schemas/employee';
import { errorSchema } from '../api/schemas/errors';
import type { EarlyLeave, Rehire } from '../api/schemas/requests';
import { statusResponse, viewResponse, type EmployeeView } from '../api/schemas/status';

/** What a change answers: the status (a manager's view for a manager), or what remains of an ended lifecycle. */
export type ChangeAnswer = z.output<typeof statusResponse>;
import type { EmployeeStatus } from '../workflows/contract';

/** The API could not be reached at all (nothing listens, or it did not answer in time). */
export class ApiUnreachableError extends Error {
  override name = 'ApiUnreachableError';
  /** why, in a few words: `connect ECONNREFUSED 127.0.0.1:3000`, a timeout */
  readonly reason: string;
  constructor(
    readonly url: string,
    options: { cause: unknown },
  ) {
    const why = reason(options.cause);
    super(`cannot reach the Tenure API at ${url}: ${why}`, options);
    this.reason = why;
  }
}

/** The API answered with an error: its status, stable code and message. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

function reason(cause: unknown): string {
  if (cause instanceof Error) {
    const inner = cause.cause instanceof Error ? cause.cause.message : undefined;
    return inner ?? cause.message;
  }
  return String(cause);
}

/** The status of a view, unless the API could only answer a summary (a closed run no worker replays). */
export function statusOf(view: EmployeeView): EmployeeStatus | undefined {
  return 'timeline' in view ? view : undefined;
}

/** A small typed client of Tenure's `/v1` API, acting with one bearer token. */
export class TenureApi {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 20_000,
  ) {}

  /** The same API, acting with another token (another role). */
  as(token: string): TenureApi {
    return new TenureApi(this.baseUrl, token, this.timeoutMs);
  }

  /** Resolves when the process answers `/healthz`; ApiUnreachableError otherwise. */
  async health(): Promise<void> {
    await this.send('GET', '/healthz', { auth: false });
  }

  /** Resolves when the API reaches Temporal (`/readyz`). */
  async ready(): Promise<void> {
    await this.send('GET', '/readyz', { auth: false });
  }

  /** Proves the token is accepted (a one-item list). */
  async checkToken(): Promise<void> {
    await this.send('GET', '/v1/employees?limit=1');
  }

  async hire(joiner: Joiner): Promise<{ created: boolean; view: EmployeeView }> {
    const { status, body } = await this.send('POST', '/v1/employees', { body: joiner });
    // A new run is answered at once with its record and first stage; its status comes from GET.
    if (status === 201) return { created: true, view: await this.status(joiner.employeeId) };
    return { created: false, view: viewResponse.parse(body) };
  }

  async status(employeeId: string): Promise<EmployeeView> {
    return this.view('GET', `/v1/employees/${encodeURIComponent(employeeId)}`);
  }

  async change(employeeId: string, change: EmployeeChange): Promise<ChangeAnswer> {
    return this.update('PATCH', employeeId, '', change);
  }

  async leave(employeeId: string, leave: EarlyLeave = {}): Promise<ChangeAnswer> {
    return this.update('POST', employeeId, '/leave', leave);
  }

  async withdraw(employeeId: string, note?: string): Promise<ChangeAnswer> {
    return this.update('POST', employeeId, '/withdraw', note ? { note } : {});
  }

  async confirmDeletion(employeeId: string, body: { note?: string }): Promise<ChangeAnswer> {
    return this.update('POST', employeeId, '/deletion-confirmed', body);
  }

  async rehire(employeeId: string, rehire: Rehire): Promise<EmployeeView> {
    return this.view('POST', `/v1/employees/${encodeURIComponent(employeeId)}/rehire`, rehire);
  }

  private async view(method: string, path: string, body?: unknown): Promise<EmployeeView> {
    return viewResponse.parse((await this.send(method, path, body === undefined ? {} : { body })).body);
  }

  private async update(method: string, employeeId: string, suffix: string, body: unknown): Promise<ChangeAnswer> {
    const path = `/v1/employees/${encodeURIComponent(employeeId)}${suffix}`;
    return statusResponse.parse((await this.send(method, path, { body })).body);
  }

  private async send(
    method: string,
    path: string,
    { body, auth = true }: { body?: unknown; auth?: boolean } = {},
  ): Promise<{ status: number; body: unknown }> {
    const url = `${this.baseUrl}${path}`;
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers,
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (cause) {
      throw new ApiUnreachableError(this.baseUrl, { cause });
    }
    const text = await response.text();
    const parsed: unknown = text ? safeJson(text) : undefined;
    if (response.ok) return { status: response.status, body: parsed };
    const error = errorSchema.safeParse(parsed);
    throw error.success
      ? new ApiRequestError(response.status, error.data.error.code, describeError(error.data.error))
      : new ApiRequestError(response.status, `HTTP_${response.status}`, `${method} ${path}: HTTP ${response.status}`);
  }
}

function describeError(error: z.output<typeof errorSchema>['error']): string {
  const details = error.details.map((d) => `${d.path}: ${d.message}`);
  return details.length > 0 ? `${error.message} (${details.join('; ')})` : error.message;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
