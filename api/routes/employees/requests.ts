import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  confirmDeletionUpdate,
  placeLegalHoldUpdate,
  releaseLegalHoldUpdate,
  retryUpdate,
  withdrawOfferUpdate,
} from '../../../workflows/definitions';
import { sendUpdate } from '../../lifecycle/send-update';
import { errorResponses } from '../../schemas/errors';
import { deletionConfirmationSchema, legalHoldSchema, noteBodySchema, optionalBody } from '../../schemas/requests';
import { statusResponse } from '../../schemas/status';
import { employeeDocs, params } from './shared';

const responses = { 200: statusResponse, ...errorResponses(400, 401, 403, 404, 422, 503) };

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
        description: 'Before the start date only: the account is removed and the lifecycle ends Withdrawn.',
        params,
        body: optionalBody(noteBodySchema, [{ note: 'Agreed with HR' }]),
        response: responses,
      },
    },
    async (request) =>
      sendUpdate(temporal, request.params.employeeId, withdrawOfferUpdate, { ...(request.body ?? {}) }),
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
        body: legalHoldSchema,
        response: responses,
      },
    },
    async (request) => sendUpdate(temporal, request.params.employeeId, placeLegalHoldUpdate, request.body),
  );

  app.delete(
    '/employees/:employeeId/legal-hold',
    {
      config: { roles: ['hr', 'operator'] },
      schema: {
        ...employeeDocs,
        summary: 'Release the legal hold',
        params,
        body: optionalBody(noteBodySchema, [{ note: 'Agreed with HR' }]),
        response: responses,
      },
    },
    async (request) =>
      sendUpdate(temporal, request.params.employeeId, releaseLegalHoldUpdate, { ...(request.body ?? {}) }),
  );

  app.post(
    '/employees/:employeeId/deletion-confirmed',
    {
      config: { roles: ['hr', 'operator'] },
      schema: {
        ...employeeDocs,
        summary: 'Confirm a manual deletion',
        description:
          'An administrator deleted the claimed account in the Workplace Admin Panel (AwaitingManualDeletion).',
        params,
        body: optionalBody(deletionConfirmationSchema, [
          { confirmedBy: 'it-admin@example.com', note: 'Deleted in the Admin Panel' },
        ]),
        response: responses,
      },
    },
    async (request) =>
      sendUpdate(temporal, request.params.employeeId, confirmDeletionUpdate, { ...(request.body ?? {}) }),
  );

  app.post(
    '/employees/:employeeId/retry',
    {
      config: { roles: ['hr', 'operator'] },
      schema: {
        ...employeeDocs,
        summary: 'Retry after a failure',
        description: 'The cause of the last error was fixed: try the failed action again.',
        params,
        body: optionalBody(noteBodySchema, [{ note: 'Agreed with HR' }]),
        response: responses,
      },
    },
    async (request) => sendUpdate(temporal, request.params.employeeId, retryUpdate, { ...(request.body ?? {}) }),
  );
};
