import { z } from 'zod';
import { loadMailConfig, type MailConfig } from '../activities/notifications';
import { loadPrivacySettings, type PrivacySettings } from '../activities/privacy-activities';
import { loadReconcileSettings, type ReconcileSettings } from '../activities/reconcile-activities';
import { loadScimConfig, type ScimConfig } from '../activities/scim';
import { loadCodecConfig, type CodecConfig } from '../codec/config';
import { parseEnv } from '../config/env';
import { loadGuardConfig, type GuardConfig } from '../config/guard';
import { loadLifecyclePolicy } from '../config/lifecycle-policy';
import { temporalConfig, type TemporalConfig } from '../config/temporal';
import type { AuthMethod } from '../workflows/contract';
import type { LifecyclePolicy } from '../workflows/contract';

export const workerEnvSchema = z.object({
  /** Largest number of activities this worker runs at once. */
  WORKER_MAX_CONCURRENT_ACTIVITIES: z.coerce.number().int().positive().default(100),
  /** Largest number of workflow tasks this worker runs at once. */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().positive().default(40),
  /**
   * Workflows kept in this worker's sticky cache; unset: the SDK's default, derived from the heap.
   * What bounds a worker's memory with many sleeping employees (bench/RESULTS.md, cluster).
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).optional(),
  /**
   * A workflow bundle made ahead (`npm run bundle:workflows -- <file>`; the image has one): the
   * worker then skips bundling at start-up, and keeps about 165 MB less memory; unset: it bundles.
   */
  WORKER_WORKFLOW_BUNDLE: z.string().min(1).optional(),
  /**
   * Workplace requests per second for all workers of the task queue together (Temporal's
   * server-side task-queue rate limit: each Workplace activity makes one request), also paced
   * evenly within each worker so that no second gets a burst; unset: no limit.
   */
  WORKPLACE_MAX_REQUESTS_PER_SECOND: z.coerce.number().positive().optional(),
  /**
   * How many workers share WORKPLACE_MAX_REQUESTS_PER_SECOND: each paces itself at the limit
   * divided by this, so that together they never put more than the limit into any one second
   * (the task queue's limit alone lets a burst through). Set it to the number of worker replicas.
   */
  WORKPLACE_LIMIT_SHARED_BY: z.coerce.number().int().min(1).default(1),
  /**
   * Whether lifecycles this worker begins try each directory request in the workflow task first
   * (README "Directory requests in the workflow task"). With a request limit it also needs
   * WORKPLACE_LIMIT_SHARED_BY set (1 for one worker): tries pass Temporal's task-queue limit, so
   * only each worker's pacing at its share bounds them.
   */
  DIRECTORY_IN_TASK: z.enum(['true', 'false']).default('true'),
  /** `sso` or `password`, for employees whose record has none */
  DEFAULT_AUTH_METHOD: z.enum(['sso', 'password']).default('sso'),
  /** the API's address as people reach it, for links in e-mails (the operators' deletion confirmation) */
  API_PUBLIC_URL: z.url({ protocol: /^https?$/ }).default('http://localhost:3000'),
  /** port of the worker's `GET /healthz` (for container health checks); unset: none is served */
  WORKER_HEALTH_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** address the health endpoint listens on (`0.0.0.0` for probes from outside the container) */
  WORKER_HEALTH_HOST: z.string().min(1).default('127.0.0.1'),
});

export interface WorkerConfig {
  temporal: TemporalConfig;
  maxConcurrentActivities: number;
  maxConcurrentWorkflowTasks: number;
  maxCachedWorkflows?: number;
  /** a workflow bundle made ahead; absent: the worker bundles the workflows itself */
  workflowBundlePath?: string;
  /** the task queue's limit, for all workers together */
  maxRequestsPerSecond?: number;
  /** this worker's own pace: its share of the limit */
  pacePerSecond?: number;
  /** lifecycles this worker begins try directory requests in the workflow task first */
  directoryInTask: boolean;
  /** why they do not, when they do not (said once at start-up) */
  directoryInTaskOff?: string;
  scim: ScimConfig;
  mail: MailConfig;
  policy: LifecyclePolicy;
  defaultAuthMethod: AuthMethod;
  apiPublicUrl: string;
  /** where to serve `GET /healthz`; absent: not served */
  health?: { host: string; port: number };
  codec: CodecConfig;
  privacy: PrivacySettings;
  guard: GuardConfig;
  reconcile: ReconcileSettings;
}

/**
 * Whether directory requests may be tried in the workflow task: not when switched off, nor under a
 * request limit whose share per worker nobody stated (several workers each taking free turns up to
 * the whole limit would together exceed it).
 */
function directoryInTaskOf(
  parsed: z.infer<typeof workerEnvSchema>,
  env: NodeJS.ProcessEnv,
): Pick<WorkerConfig, 'directoryInTask' | 'directoryInTaskOff'> {
  if (parsed.DIRECTORY_IN_TASK === 'false')
    return { directoryInTask: false, directoryInTaskOff: 'DIRECTORY_IN_TASK=false' };
  if (parsed.WORKPLACE_MAX_REQUESTS_PER_SECOND && env.WORKPLACE_LIMIT_SHARED_BY === undefined) {
    return {
      directoryInTask: false,
      directoryInTaskOff:
        'WORKPLACE_MAX_REQUESTS_PER_SECOND is set without WORKPLACE_LIMIT_SHARED_BY: set it to the number of workers (1 for one) to try directory requests in the workflow task',
    };
  }
  return { directoryInTask: true };
}

/** The worker's configuration, read once at start-up; fails fast with every bad variable named. */
export function loadWorkerConfig(env: NodeJS.ProcessEnv = process.env): WorkerConfig {
  const parsed = parseEnv('worker', workerEnvSchema, env);
  return {
    temporal: temporalConfig(env),
    maxConcurrentActivities: parsed.WORKER_MAX_CONCURRENT_ACTIVITIES,
    maxConcurrentWorkflowTasks: parsed.WORKER_MAX_CONCURRENT_WORKFLOW_TASKS,
    ...(parsed.WORKER_WORKFLOW_BUNDLE ? { workflowBundlePath: parsed.WORKER_WORKFLOW_BUNDLE } : {}),
    ...(parsed.WORKER_MAX_CACHED_WORKFLOWS !== undefined
      ? { maxCachedWorkflows: parsed.WORKER_MAX_CACHED_WORKFLOWS }
      : {}),
    ...(parsed.WORKPLACE_MAX_REQUESTS_PER_SECOND
      ? {
          maxRequestsPerSecond: parsed.WORKPLACE_MAX_REQUESTS_PER_SECOND,
          pacePerSecond: parsed.WORKPLACE_MAX_REQUESTS_PER_SECOND / parsed.WORKPLACE_LIMIT_SHARED_BY,
        }
      : {}),
    ...directoryInTaskOf(parsed, env),
    scim: loadScimConfig(env),
    mail: loadMailConfig(env),
    policy: loadLifecyclePolicy(env),
    defaultAuthMethod: parsed.DEFAULT_AUTH_METHOD,
    apiPublicUrl: parsed.API_PUBLIC_URL,
    ...(parsed.WORKER_HEALTH_PORT !== undefined
      ? { health: { host: parsed.WORKER_HEALTH_HOST, port: parsed.WORKER_HEALTH_PORT } }
      : {}),
    codec: loadCodecConfig(env),
    privacy: loadPrivacySettings(env),
    guard: loadGuardConfig(env),
    reconcile: loadReconcileSettings(env),
  };
}
