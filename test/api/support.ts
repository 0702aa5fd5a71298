import type { AddressInfo } from 'node:net';
import type { Client } from '@temporalio/client';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { FastifyInstance } from 'fastify';
import { buildApi } from '../../api/app';
import { loadApiConfig, type ApiConfig } from '../../api/plugins/config';
import type { BatchItemResult } from '../../api/schemas/batch';
import type { ErrorResponse } from '../../api/schemas/errors';
import type { EmployeeSummary, Run } from '../../api/schemas/status';
import { SEARCH_ATTRIBUTES, type EmployeeRecord, type EmployeeStatus } from '../../workflows/contract';
import type { LifecyclePolicy } from '../../workflows/contract';
import { employeeRecord, nextEmployeeId } from '../helpers/lifecycle';
import { testCodec } from '../helpers/test-codec';
import { RequestDigests } from '../../api/lifecycle/request-hash';
import type { TenureStore } from '../../store';

/** The manager the `manager` token is bound to. */
export const MANAGER_ID = 'M-TEST';

export const TOKENS = {
  hr: 'hr-test-token-0123456789abcdefghijklmnop',
  operator: 'operator-test-token-0123456789abcdefghij',
  manager: 'manager-test-token-0123456789abcdefghijk',
  otherManager: 'other-manager-test-token-0123456789abcd',
} as const;
export type As = keyof typeof TOKENS | 'none' | 'bad';

export const API_TOKENS = [
  `hr:hr-feed:${TOKENS.hr}`,
  `operator:ops-desk:${TOKENS.operator}`,
  `manager:test-manager:${MANAGER_ID}:${TOKENS.manager}`,
  `manager:other-manager:M-OTHER:${TOKENS.otherManager}`,
].join(',');

/** Short durations: invites at once, claims checked every 2 s, retention of 3 s. */
export const FAST_POLICY: LifecyclePolicy = {
  inviteOffset: '0s',
  reminderInterval: '2s',
  escalateAfter: 100,
  maxReminders: 100,
  leaveNotice: '1s',
  retention: '3s',
};

export function testConfig(env: NodeJS.ProcessEnv = {}): ApiConfig {
  return loadApiConfig({ API_TOKENS, API_LOG_LEVEL: 'silent', ...env });
}

/** Every field a JSON answer of the API may carry at the top level, typed: tests read what they expect. */
export type ApiBody = Partial<EmployeeStatus> & {
  run?: Run;
  degraded?: boolean;
  ended?: boolean;
  note?: string;
  error?: ErrorResponse['error'];
  requestId?: string;
  items?: EmployeeSummary[];
  nextCursor?: string | null;
  summary?: Record<string, number>;
  results?: BatchItemResult[];
  status?: string;
};

export interface Reply<T = ApiBody> {
  status: number;
  headers: Headers;
  body: T;
}

/** An API at `url` (in this process or another), and a fetch wrapper that sends a role's token. */
export interface ApiCaller {
  url: string;
  call<T = ApiBody>(
    method: string,
    path: string,
    options?: { as?: As; body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<Reply<T>>;
}

/** An API listening on a real port in this process. */
export interface RunningApi extends ApiCaller {
  server: FastifyInstance;
  close(): Promise<void>;
}

/** Calls the API at `url` with the test tokens (an API process started with `API_TOKENS`). */
export function apiCaller(url: string): ApiCaller {
  return {
    url,
    async call(method, path, { as = 'hr', body, headers = {}, rawBody } = {}) {
      const auth: Record<string, string> =
        as === 'none' ? {} : { authorization: `Bearer ${as === 'bad' ? 'x'.repeat(40) : TOKENS[as]}` };
      const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { ...auth, ...(payload !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(payload !== undefined ? { body: payload } : {}),
      });
      const text = await response.text();
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        // not JSON (metrics, docs): keep the text
      }
      return { status: response.status, headers: response.headers, body: parsed as never };
    },
  };
}

export async function startApi(
  client: Client,
  {
    env,
    logStream,
    store: givenStore,
  }: { env?: NodeJS.ProcessEnv; logStream?: NodeJS.WritableStream; store?: TenureStore } = {},
): Promise<RunningApi> {
  const config = testConfig(env);
  const { codec, store: codecStore, config: codecConfig } = await testCodec();
  const store = givenStore ?? codecStore;
  const digests = new RequestDigests(codecConfig.masterKeys);
  const server = await buildApi({ config, client, codec, digests, store, ...(logStream ? { logStream } : {}) });
  await server.listen({ host: '127.0.0.1', port: 0 });
  const { port } = server.server.address() as AddressInfo;
  return { server, ...apiCaller(`http://127.0.0.1:${port}`), close: () => server.close() };
}

/** A joiner record for API tests; starts in ten days unless told otherwise. */
export function joiner(overrides: Partial<EmployeeRecord> = {}): EmployeeRecord {
  return employeeRecord(Date.now(), { employeeId: nextEmployeeId('A'), ...overrides });
}

/** A dev server whose runs are told to continue as new after a few events, to prove what survives it. */
export async function createEagerContinueAsNewEnv(historyEvents: number): Promise<TestWorkflowEnvironment> {
  const path = process.env.TEMPORAL_CLI_PATH;
  if (!path) throw new Error('TEMPORAL_CLI_PATH is not set: run the tests through Jest');
  const { dataConverter } = await testCodec();
  return TestWorkflowEnvironment.createLocal({
    client: { dataConverter },
    server: {
      executable: { type: 'existing-path', path },
      searchAttributes: [...SEARCH_ATTRIBUTES],
      log: { format: 'pretty', level: 'error' },
      extraArgs: ['--dynamic-config-value', `limit.historyCount.suggestContinueAsNew=${historyEvents}`],
    },
  });
}
