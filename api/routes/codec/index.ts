import type { PayloadCodec } from '@temporalio/common';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PayloadDecryptionError, UnknownDataKeyError } from '../../../codec/encryption-codec';
import { ApiError } from '../../errors';
import { principalOf } from '../../plugins/api-tokens';
import { errorResponses } from '../../schemas/errors';
import { allowOrigin, codecPrincipal, preflight, type CodecAccess } from './access';
import { LOGIN_PAGE } from './login-page';
import { fromJson, payloadsSchema, toJson, type JsonPayload } from './payloads';
import { issueSession, SESSION_COOKIE, SESSION_SECONDS } from './session';

export interface CodecRouteOptions {
  codec: PayloadCodec;
}

/**
 * The Temporal UI's codec server (registered under `/codec`): `POST /encode` and `POST /decode` of
 * the remote codec protocol, for operators only, with CORS for the UI's origins; `/login` and
 * `/session` give a browser the session cookie the UI can send.
 */
export const codecRoutes: FastifyPluginAsyncZod<CodecRouteOptions> = async (app, { codec }) => {
  const config = app.apiConfig;
  const access: CodecAccess = { tokens: config.tokens, open: config.devTokens, origins: config.codecOrigins };
  const operatorsOnly = async (request: Parameters<typeof codecPrincipal>[0]) => void codecPrincipal(request, access);
  app.addHook('onRequest', async (request, reply) => allowOrigin(request, reply, access.origins));

  for (const operation of ['encode', 'decode']) {
    app.options(`/${operation}`, { schema: { hide: true } }, async (request, reply) =>
      preflight(request, reply, access.origins),
    );
  }

  const codecRoute = (summary: string, description: string) => ({
    bodyLimit: config.batchBodyLimit,
    onRequest: operatorsOnly,
    schema: {
      tags: ['codec'],
      summary,
      description,
      security: [{ bearerAuth: [] }],
      body: payloadsSchema,
      response: { 200: payloadsSchema, ...errorResponses(400, 401, 403, 413) },
    },
  });

  app.post(
    '/decode',
    codecRoute(
      'Decrypt payloads (the Temporal UI and CLI call this)',
      'Payloads of an erased employment answer a placeholder `{"erased":true,…}`; payloads that are not ' +
        "Tenure's, or whose key this store never had, come back unchanged.",
    ),
    async (request) => ({
      payloads: await Promise.all(request.body.payloads.map((payload, index) => decodeOne(codec, payload, index))),
    }),
  );

  app.post(
    '/encode',
    codecRoute(
      'Encrypt payloads (what the UI sends: signals, updates, starts)',
      'The UI names no workflow: payloads are encrypted under the fleet key, and so outlive any erasure. ' +
        "Send personal data through Tenure's API, not the UI.",
    ),
    async (request) => ({ payloads: (await codec.encode(request.body.payloads.map(fromJson))).map(toJson) }),
  );

  app.get('/login', { schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(LOGIN_PAGE),
  );

  app.post(
    '/session',
    {
      schema: {
        tags: ['codec'],
        summary: "Trade an operator token for the codec's session cookie (for the Temporal UI)",
        body: z
          .object({ token: z.string().min(1).max(256) })
          .meta({ examples: [{ token: 'tenure-dev-operator-token-do-not-use-in-production' }] }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const principal = principalOf(config.tokens, request.body.token);
      if (!principal) throw new ApiError('UNAUTHENTICATED', 'unknown token');
      if (principal.role !== 'operator')
        throw new ApiError('FORBIDDEN', 'only an operator token opens a codec session');
      const index = config.tokens.findIndex((entry) => entry.principal === principal);
      const secure = request.protocol === 'https' ? '; Secure' : '';
      reply.header(
        'set-cookie',
        `${SESSION_COOKIE}=${issueSession(config.tokens, index)}; Path=/codec; Max-Age=${SESSION_SECONDS}; HttpOnly; SameSite=Strict${secure}`,
      );
      return reply.code(204).send(null);
    },
  );

  app.delete('/session', { schema: { tags: ['codec'], summary: 'End the codec session' } }, async (_request, reply) =>
    reply
      .header('set-cookie', `${SESSION_COOKIE}=; Path=/codec; Max-Age=0; HttpOnly; SameSite=Strict`)
      .code(204)
      .send(),
  );
};

async function decodeOne(codec: PayloadCodec, payload: JsonPayload, index: number): Promise<JsonPayload> {
  try {
    const [decoded] = await codec.decode([fromJson(payload)]);
    return toJson(decoded!);
  } catch (error) {
    // Another deployment's payload (or a store that was replaced): the UI shows it as it is.
    if (error instanceof UnknownDataKeyError) return payload;
    if (error instanceof PayloadDecryptionError) {
      throw new ApiError('VALIDATION_FAILED', 'a payload does not decrypt', [
        { path: `body.payloads.${index}`, message: error.message },
      ]);
    }
    throw error;
  }
}
