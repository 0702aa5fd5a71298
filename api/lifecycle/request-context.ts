import { createHash } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import { managerViewOf, type Actor, type ManagerStatus, type Requested } from '../../workflows/contract';
import { principalOfRequest } from '../plugins/auth';
import type { UpdateAnswer } from '../schemas/status';
import { canonicalJson } from './request-hash';
import type { LedgerTable } from '../../store/ledger';

/**
 * Who makes a request and how to recognise it again: the principal (recorded as the actor in the
 * employee's timeline), the request id, and the caller's `Idempotency-Key`.
 */
export interface RequestContext {
  actor: Exclude<Actor, { role: 'tenure' }>;
  requestId: string;
  idempotencyKey?: string;
  /** the audit ledger, where an accepted request is recorded as a decision */
  ledger?: LedgerTable;
}

/** The context of a Fastify request (behind the auth hook). */
export function contextOf(request: FastifyRequest): RequestContext {
  const principal = principalOfRequest(request);
  return {
    actor: {
      role: principal.role,
      name: principal.name,
      ...(principal.role === 'manager' ? { employeeId: principal.employeeId } : {}),
    },
    requestId: request.id,
    ...(request.idempotencyKey ? { idempotencyKey: request.idempotencyKey } : {}),
    ledger: request.server.store.ledger,
  };
}

/** What an update argument carries of its request. */
export function requested(context: RequestContext | undefined): Requested {
  return context ? { by: context.actor, requestId: context.requestId } : {};
}

const digest = (...parts: string[]) => createHash('sha256').update(parts.join('\n')).digest('base64url').slice(0, 22);

/**
 * The Temporal update id of a request that carries an Idempotency-Key: `k.<key>.<request>`, the
 * key digested with the principal (keys are the caller's own) and the operation, the request with
 * what it asks. The
 * same key and request give the same id, so a retry gets the original answer; the same key with
 * another request is refused by the workflow (see workflows/lifecycle/idempotency.ts).
 */
export function updateIdOf(
  context: RequestContext | undefined,
  operation: string,
  employeeId: string,
  arg: unknown,
): string | undefined {
  if (!context?.idempotencyKey) return undefined;
  const { by: _b, requestId: _r, ...asked } = (arg ?? {}) as Requested & Record<string, unknown>;
  // Scoped to the operation: PATCH sends a profile and a leave update under one key.
  const key = digest(context.actor.role, context.actor.name, context.idempotencyKey, operation);
  const request = digest(operation, employeeId, canonicalJson(asked));
  return `k.${key}.${request}`;
}

/**
 * The view of an answer for the request's principal: a manager sees only the manager's view (of an
 * ended lifecycle, its summary without the reason it needed attention).
 */
export function viewFor(context: RequestContext, answer: UpdateAnswer): UpdateAnswer | ManagerStatus {
  if (context.actor.role !== 'manager') return answer;
  if ('ended' in answer) {
    const { needsAttentionReason: _reason, ...view } = answer;
    return view;
  }
  return managerViewOf(answer);
}
