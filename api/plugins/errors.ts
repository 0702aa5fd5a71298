import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { ApiError, fromTemporal } from '../errors';
import { RouteTable } from '../route-table';
import type { ErrorResponse } from '../schemas/errors';
import { detailsOf } from '../validation';

const LOCATIONS: Record<string, string> = { body: 'body', querystring: 'query', params: 'params', headers: 'headers' };

/** Fastify's own client errors (bad JSON, wrong media type, body too large) with their statuses. */
function fromFastify(error: FastifyError): ApiError | undefined {
  const status = error.statusCode ?? 500;
  if (status >= 500) return undefined;
  if (status === 413) return new ApiError('PAYLOAD_TOO_LARGE', 'the request body is too large');
  if (status === 415) return new ApiError('UNSUPPORTED_MEDIA_TYPE', 'send the body as application/json');
  return new ApiError('VALIDATION_FAILED', 'the request is invalid', [{ path: 'body', message: error.message }]);
}

/** The API error for anything a handler threw, or undefined for a genuine fault (a 500). */
export function apiErrorOf(error: unknown, employeeId?: string): ApiError | undefined {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const location = LOCATIONS[(error as FastifyError).validationContext ?? 'body'] ?? 'body';
    const issues = error.validation.map((v) => ({
      path: v.instancePath.split('/').filter(Boolean),
      code: v.keyword,
      message: v.message ?? 'is invalid',
      keys: (v.params as { keys?: string[] }).keys,
    }));
    return new ApiError('VALIDATION_FAILED', 'the request is invalid', detailsOf(issues, location));
  }
  const mapped = fromTemporal(error, employeeId);
  if (mapped instanceof ApiError) return mapped;
  const fastifyError = error as FastifyError;
  if (typeof fastifyError?.code === 'string' && fastifyError.code.startsWith('FST_')) return fromFastify(fastifyError);
  return undefined;
}

/**
 * The longest URL (path and query) the API reads: far beyond any route's needs, and below Node's
 * 16 KiB limit on the request head, so that a long URL is a 414 in the API's own error shape.
 */
export const MAX_URL_LENGTH = 8 * 1024;

/** The one error body of the API. */
export function errorBody(error: ApiError, requestId: string): ErrorResponse {
  return { error: { code: error.code, message: error.message, details: error.details }, requestId };
}

function employeeIdOf(request: FastifyRequest): string | undefined {
  const params = request.params as { employeeId?: unknown } | undefined;
  return typeof params?.employeeId === 'string' ? params.employeeId : undefined;
}

/**
 * One error handler for the whole API: validation → 400 with field paths, unknown employee → 404,
 * conflict → 409, rejected update → 422, Temporal unavailable → 503, anything else → 500 with a
 * generic message. Client errors are logged by code and field paths only (their messages may
 * quote personal data); faults with the error, for operators.
 */
export const errorHandling = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
      const apiError = apiErrorOf(error, employeeIdOf(request));
      if (!apiError) {
        request.log.error({ err: error }, 'request failed');
        const fault = new ApiError('INTERNAL', 'internal error; quote the request id when reporting it');
        return reply.code(500).send(errorBody(fault, request.id));
      }
      const log = apiError.status >= 500 ? request.log.warn.bind(request.log) : request.log.info.bind(request.log);
      log({ code: apiError.code, paths: apiError.details.map((d) => d.path) }, 'request refused');
      return reply.code(apiError.status).send(errorBody(apiError, request.id));
    });

    // Every route registered after this plugin, the /v1 scope included, so that 405 knows them all.
    const routes = new RouteTable();
    app.addHook('onRoute', (route) => routes.add(route.url, route.method));

    app.addHook('onRequest', async (request) => {
      if (request.url.length > MAX_URL_LENGTH) {
        throw new ApiError('URI_TOO_LONG', `the URL is longer than ${MAX_URL_LENGTH} characters`);
      }
    });

    app.setNotFoundHandler((request, reply) => {
      const path = request.url.split('?')[0] ?? '';
      const allowed = routes.methodsFor(path);
      if (allowed.length > 0) {
        const error = new ApiError(
          'METHOD_NOT_ALLOWED',
          `${request.method} is not allowed here; use ${allowed.join(', ')}`,
        );
        return reply.code(405).header('allow', allowed.join(', ')).send(errorBody(error, request.id));
      }
      const error = new ApiError('NOT_FOUND', `no route ${request.method} ${path}`);
      return reply.code(404).send(errorBody(error, request.id));
    });
  },
  { name: 'tenure-errors' },
);
