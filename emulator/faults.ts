/**
 * Fault injection for SCIM requests, switchable at run time: latency, an error rate, a rate limit
 * answered with 429 + Retry-After, an outage window, and "apply the request but drop the response".
 */
import { z } from 'zod';

const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** The fault configuration accepted by `PUT /_emulator/faults` and `faults.set()`. */
export const faultConfigSchema = z
  .object({
    /** every SCIM request waits `ms` ± up to `jitterMs` before it is handled */
    latency: z
      .object({
        ms: z.number().int().min(0).max(120_000),
        jitterMs: z.number().int().min(0).max(120_000).default(0),
      })
      .strict()
      .optional(),
    /** this fraction of SCIM requests is answered with one of `statuses` and a SCIM error body */
    errorRate: z
      .object({
        rate: z.number().min(0).max(1),
        statuses: z
          .array(z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]))
          .min(1)
          .default([500, 503]),
      })
      .strict()
      .optional(),
    /** above `requestsPerSecond` in any sliding one-second window, requests get 429 with Retry-After */
    rateLimit: z
      .object({
        requestsPerSecond: z.number().int().positive(),
        retryAfterSeconds: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    /** every SCIM request gets 503 until `until` (an ISO instant), or for `durationMs` from now */
    outage: z
      .union([
        z.object({ until: z.iso.datetime({ offset: true }) }).strict(),
        z.object({ durationMs: z.number().int().positive() }).strict(),
      ])
      .optional(),
    /** the request is applied, then the connection is closed without a response */
    dropResponse: z
      .object({
        /** drop this fraction of matching responses */
        rate: z.number().min(0).max(1).optional(),
        /** drop the next `next` matching responses, then stop */
        next: z.number().int().positive().optional(),
        /** only requests with these methods match (default: all) */
        methods: z.array(z.enum(HTTP_METHODS)).min(1).optional(),
      })
      .strict()
      .refine((d) => (d.rate === undefined) !== (d.next === undefined), {
        message: 'give exactly one of "rate" or "next"',
      })
      .optional(),
  })
  .strict();

/** A fault configuration as written by a client. */
export type FaultConfigInput = z.input<typeof faultConfigSchema>;

/** The active fault configuration: outages as an instant, drop counts as what is left. */
export interface ActiveFaults {
  latency?: { ms: number; jitterMs: number };
  errorRate?: { rate: number; statuses: number[] };
  rateLimit?: { requestsPerSecond: number; retryAfterSeconds?: number };
  outage?: { until: string };
  dropResponse?: { rate?: number; next?: number; methods?: string[] };
}

/** Which fault decided a request's fate. */
export type FaultKind = 'latency' | 'error' | 'rateLimit' | 'outage' | 'dropResponse';

/** What to do with one SCIM request. */
export interface FaultDecision {
  /** wait this long before anything else */
  delayMs: number;
  /** answer with this instead of handling the request */
  reject?: { kind: 'error' | 'rateLimit' | 'outage'; status: number; retryAfterSeconds?: number; detail: string };
  /** handle the request, then close the connection without answering */
  dropResponse: boolean;
}

/** Holds the active faults and decides, per request, which apply. */
export class FaultInjector {
  private active: ActiveFaults = {};
  // Arrival times (ms) of the requests the rate limit admitted within the last second.
  private admitted: number[] = [];

  constructor(
    private readonly now: () => number = Date.now,
    private readonly random: () => number = Math.random,
  ) {}

  /** Replaces the whole configuration; throws a ZodError on invalid input. */
  set(input: FaultConfigInput): ActiveFaults {
    const config = faultConfigSchema.parse(input);
    const active: ActiveFaults = {};
    if (config.latency) active.latency = config.latency;
    if (config.errorRate) active.errorRate = config.errorRate;
    if (config.rateLimit) active.rateLimit = config.rateLimit;
    if (config.outage)
      active.outage = {
        until:
          'until' in config.outage
            ? new Date(config.outage.until).toISOString()
            : new Date(this.now() + config.outage.durationMs).toISOString(),
      };
    if (config.dropResponse) active.dropResponse = config.dropResponse;
    this.active = active;
    this.admitted = [];
    return this.get();
  }

  /** The active configuration (expired outages and used-up drop counts are gone). */
  get(): ActiveFaults {
    this.expire();
    return structuredClone(this.active);
  }

  /** Switches every fault off. */
  clear(): void {
    this.active = {};
    this.admitted = [];
  }

  private expire(): void {
    if (this.active.outage && Date.parse(this.active.outage.until) <= this.now()) delete this.active.outage;
    if (this.active.dropResponse?.next === 0) delete this.active.dropResponse;
  }

  /** Decides the faults for one SCIM request (and counts it against the rate limit). */
  decide(method: string): FaultDecision {
    this.expire();
    const { latency, errorRate, rateLimit, outage, dropResponse } = this.active;
    const now = this.now();
    const delayMs = latency ? Math.max(0, latency.ms + Math.round((this.random() * 2 - 1) * latency.jitterMs)) : 0;
    if (outage) {
      const retryAfterSeconds = Math.max(1, Math.ceil((Date.parse(outage.until) - now) / 1000));
      return {
        delayMs,
        dropResponse: false,
        reject: { kind: 'outage', status: 503, retryAfterSeconds, detail: `service unavailable until ${outage.until}` },
      };
    }
    if (rateLimit) {
      this.admitted = this.admitted.filter((t) => t > now - 1000);
      if (this.admitted.length >= rateLimit.requestsPerSecond) {
        // The window frees a slot when its oldest request turns one second old.
        const retryAfterSeconds =
          rateLimit.retryAfterSeconds ?? Math.max(1, Math.ceil((this.admitted[0]! + 1000 - now) / 1000));
        return {
          delayMs,
          dropResponse: false,
          reject: {
            kind: 'rateLimit',
            status: 429,
            retryAfterSeconds,
            detail: `rate limit of ${rateLimit.requestsPerSecond} requests per second exceeded`,
          },
        };
      }
      this.admitted.push(now);
    }
    if (errorRate && this.random() < errorRate.rate) {
      const status = errorRate.statuses[Math.floor(this.random() * errorRate.statuses.length)] ?? 500;
      return { delayMs, dropResponse: false, reject: { kind: 'error', status, detail: 'injected server error' } };
    }
    return { delayMs, dropResponse: this.shouldDrop(dropResponse, method) };
  }

  private shouldDrop(drop: ActiveFaults['dropResponse'], method: string): boolean {
    if (!drop || (drop.methods && !drop.methods.includes(method.toUpperCase()))) return false;
    if (drop.next !== undefined) {
      drop.next -= 1;
      return true;
    }
    return this.random() < (drop.rate ?? 0);
  }
}
