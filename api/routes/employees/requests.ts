import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  confirmDeletionUpdate,
  placeLegalHoldUpdate,
  releaseLegalHoldUpdate,
  retryUpdate,
  withdrawOfferUpdate,
} from '../../../workflows/contract';
import { refuseProtectedEmployee } from '../../lifecycle/protected-accounts';
import { dryRunUpdate } from '../../lifecycle/dry-run';
import { contextOf, requested } from '../../lifecycle/request-context';
import { sendUpdate } from '../../lifecycle/send-update';
import { dryRunQuerySchema, isDryRun, orDryRun } from '../../schemas/dry-run';
import { errorResponses } from '../../schemas/errors';
import { deletionConfirmationSchema, legalHoldSchema, noteBodySchema, optionalBody } from '../../schemas/requests';
import { updateResponse } from '../../schemas/status';
import { employeeDocs, idempotencyHeaders, params } from './shared';

const responses = { 200: updateResponse, ...errorResponses(400, 401, 403, 404, 422, 503) };

/**
 * The lifecycle's requests that take a small body and answer the status: withdraw an offer, place
 * and release a legal hold, confirm a manual deletion, retry after a failure.
 */
export const lifecycleRequestRoutes: FastifyPluginAsyncZod = async (app) => {
  const { temporal } = app.lifecycle;

  app.post(
    '/employees/:employeeId/withdraw',
    {
      config: { roles: ['hr'] },
      schema: {
        ...employeeDocs,
        summary: 'Withdraw the offer',
        description:
          'Before the start date only: the account is removed and the lifecycle ends Withdrawn. With ' +
          '?dryRun=true nothing is changed: 200 with what the lifecycle would do.',
        params,
        headers: idempotencyHeaders,
        querystring: dryRunQuerySchema,
        body: optionalBody(noteBodySchema, [{ note: 'Agreed with HR' }]),
        response: {
          ...responses,
          200: orDryRun(updateResponse, 'The status after the withdrawal'),
          ...errorResponses(409),
        },
      },
    },
    async (request) => {
      await refuseProtectedEmployee(temporal, app.apiConfig.guard.protectedAccounts, request.params.employeeId);
      if (isDryRun(request.query)) {
        return dryRunUpdate(temporal, request.params.employeeId, [
          { update: 'withdrawOffer', request: { ...request.body, ...requested(contextOf(request)) } },
        ]);
      }
      return sendUpdate(
        temporal,
        request.params.employeeId,
        withdrawOfferUpdate,
        { ...request.body },
        contextOf(request),
      );
    },
  );

  app.put(
    '/employees/:employeeId/legal-hold',
    {
      config: { roles: ['hr', 'operator'] },
      schema: {
        ...employeeDocs,
        summary: 'Place a legal hold',
        description: 'While a hold is in force the account is neither scrubbed nor deleted.',
        params,
        headers: idempotencyHeaders,
        body: legalHoldSchema,
        response: responses,
      },
    },
    async (request) =>
      sendUpdate(temporal, request.params.employeeId, placeLegalHoldUpdate, request.body, contextOf(request)),
  );

  app.delete(
    '/employees/:employeeId/legal-hold',
    {
      config: { roles: ['hr', 'operator'] },
      schema: {
        ...employeeDocs,
        summary: 'Ask for, or confirm, the release of a legal hold',
        description:
          'Releasing a hold takes two people: the first request asks for the release (the hold stays in force, ' +
          'legalHold.releaseRequested says who asked), a second request by another principal confirms it. Both are ' +
          'recorded in the timeline.',
        params,
        headers: idempotencyHeaders,
        body: optionalBody(noteBodySchema, [{ note: 'Case 2026-17 closed' }]),
        response: responses,
      },
    },
    async (request) =>
      sendUpdate(temporal, request.params.employeeId, releaseLegalHoldUpdate, { ...request.body }, contextOf(request)),
  );

  app.post(
    '/employees/:employeeId/deletion-confirmed',
    {
      config: { roles: ['hr', 'operator'] },
      schema: {
        ...employeeDocs,
        summary: 'Confirm a manual deletion',
        description:
          'An administrator deleted the claimed account in the Workplace Admin Panel (AwaitingManualDeletion). ' +
          'The confirmation is recorded under the caller’s principal.',
        params,
        headers: idempotencyHeaders,
        body: optionalBody(deletionConfirmationSchema, [{ note: 'Deleted in the Admin Panel, ticket IT-4711' }]),
        response: responses,
      },
    },
    async (request) =>
      sendUpdate(temporal, request.params.employeeId, confirmDeletionUpdate, { ...request.body }, contextOf(request)),
  );

  app.post(
    '/employees/:employeeId/retry',
    {
      config: { roles: ['hr', 'operator'] },
      schema: {
        ...employeeDocs,
        summary: 'Retry after a failure',
        description: 'The cause of the failures was fixed: try every parked action again.',
        params,
        headers: idempotencyHeaders,
        body: optionalBody(noteBodySchema, [{ note: 'Token rotated' }]),
        response: responses,
      },
    },
    async (request) =>
      sendUpdate(temporal, request.params.employeeId, retryUpdate, { ...request.body }, contextOf(request)),
  );
};
