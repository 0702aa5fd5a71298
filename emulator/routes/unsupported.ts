/** SCIM endpoints Workplace did not offer, answered with proper SCIM errors rather than a bare 404. */
import type { FastifyPluginAsync } from 'fastify';
import { scimErrorBody } from '../errors';
import { sendScim } from '../reply';

const ALL_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** `/Groups` (404: no such resource type), `/Bulk` and `/Me` (501, as RFC 7644 §3.7 and §3.11 say). */
export const unsupportedRoutes: FastifyPluginAsync = async (app) => {
  for (const url of ['/Groups', '/Groups/*'])
    app.route({
      method: [...ALL_METHODS],
      url,
      handler: async (_request, reply) =>
        sendScim(reply, 404, scimErrorBody(404, 'the Group resource type is not supported')),
    });
  app.route({
    method: [...ALL_METHODS],
    url: '/Bulk',
    handler: async (_request, reply) => sendScim(reply, 501, scimErrorBody(501, 'bulk operations are not supported')),
  });
  for (const url of ['/Me', '/Me/*'])
    app.route({
      method: [...ALL_METHODS],
      url,
      handler: async (_request, reply) => sendScim(reply, 501, scimErrorBody(501, 'the /Me alias is not supported')),
    });
};
