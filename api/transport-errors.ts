import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ApiError } from './errors';
import { errorBody } from './plugins/errors';
import { REQUEST_ID_HEADER } from './plugins/request-id';

/**
 * What Node's HTTP parser and Fastify's router refuse before any route or hook runs — a request
 * head over 16 KiB, a request not received in time, malformed HTTP, a path parameter over 100
 * characters, a URL that cannot be decoded — answered in the API's one error shape instead of
 * their own.
 */

/** The ApiError for an error Node's HTTP server reports on a client's socket. */
function clientFault(error: NodeJS.ErrnoException): ApiError {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    return new ApiError('REQUEST_TIMEOUT', 'the request was not received in time');
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return new ApiError('HEADERS_TOO_LARGE', 'the URL and headers must fit in 16 KiB (the URL in 8 KiB)');
  }
  return new ApiError('VALIDATION_FAILED', 'the request is not well-formed HTTP');
}

/** Fastify's `clientErrorHandler`: writes the error on the raw socket (there is no request to reply to) and closes it. */
export function clientErrorHandler(this: FastifyInstance, error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection has nobody left to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const fault = clientFault(error);
  const requestId = randomUUID();
  this.log.info({ requestId, code: fault.code }, 'request refused by the HTTP parser');
  if (socket.writable) {
    const body = JSON.stringify(errorBody(fault, requestId));
    socket.write(
      `HTTP/1.1 ${fault.status} ${STATUS_CODES[fault.status] ?? ''}\r\n` +
        'content-type: application/json; charset=utf-8\r\n' +
        `content-length: ${Buffer.byteLength(body)}\r\n` +
        `${REQUEST_ID_HEADER}: ${requestId}\r\n` +
        'connection: close\r\n\r\n' +
        body,
    );
  }
  socket.destroy(error);
}

/** Fastify's `frameworkErrors`: the router's refusals, which skip the hooks and the error handler. */
export function frameworkErrors(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const fault =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? new ApiError('URI_TOO_LONG', 'a path segment is longer than 100 characters')
      : error.code === 'FST_ERR_BAD_URL'
        ? new ApiError('VALIDATION_FAILED', 'the URL cannot be decoded', [{ path: 'url', message: 'is not valid' }])
        : undefined;
  if (!fault) {
    request.log.error({ err: error }, 'request failed in the router');
    void reply
      .code(500)
      .header(REQUEST_ID_HEADER, request.id)
      .send(errorBody(new ApiError('INTERNAL', 'internal error; quote the request id when reporting it'), request.id));
    return;
  }
  request.log.info({ code: fault.code }, 'request refused by the router');
  void reply.code(fault.status).header(REQUEST_ID_HEADER, request.id).send(errorBody(fault, request.id));
}
