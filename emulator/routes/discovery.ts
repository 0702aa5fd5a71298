/** Discovery endpoints (RFC 7644 §4): what this service supports, truthfully. */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ContextOptions } from '../context';
import { ScimError, notFound } from '../errors';
import { sendScim } from '../reply';
import {
  CORE_USER,
  EXTENSIONS,
  LIST_RESPONSE,
  RESOURCE_TYPE_SCHEMA,
  SCHEMA_SCHEMA,
  SCHEMAS,
  SERVICE_PROVIDER_CONFIG_SCHEMA,
  schemaByUrn,
} from '../schemas';
import { MAX_PAGE_SIZE } from './users';

function listResponse(resources: unknown[]) {
  return {
    schemas: [LIST_RESPONSE],
    totalResults: resources.length,
    itemsPerPage: resources.length,
    startIndex: 1,
    Resources: resources,
  };
}

// RFC 7644 §4: "If a "filter" is provided, the service provider SHOULD respond with HTTP status code 403".
function refuseFilter(request: FastifyRequest): void {
  if (Object.keys(request.query as object).some((key) => key.toLowerCase() === 'filter'))
    throw new ScimError(403, undefined, 'filtering is not supported on discovery endpoints');
}

/** `/ServiceProviderConfig`, `/ResourceTypes` and `/Schemas`. */
export const discoveryRoutes: FastifyPluginAsync<ContextOptions> = async (app, { ctx }) => {
  const userResourceType = () => ({
    schemas: [RESOURCE_TYPE_SCHEMA],
    id: 'User',
    name: 'User',
    endpoint: '/Users',
    description: 'Workplace user accounts',
    schema: CORE_USER,
    schemaExtensions: EXTENSIONS.map((schema) => ({ schema, required: false })),
    meta: { resourceType: 'ResourceType', location: `${ctx.baseUrl()}/ResourceTypes/User` },
  });
  const schemaResource = (urn: string) => ({
    schemas: [SCHEMA_SCHEMA],
    ...schemaByUrn(urn)!,
    meta: { resourceType: 'Schema', location: `${ctx.baseUrl()}/Schemas/${urn}` },
  });

  app.get('/ServiceProviderConfig', async (request, reply) => {
    refuseFilter(request);
    return sendScim(reply, 200, {
      schemas: [SERVICE_PROVIDER_CONFIG_SCHEMA],
      documentationUri: 'https://developers.facebook.com/docs/workplace/reference/account-management-api',
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: MAX_PAGE_SIZE },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: 'The access token of a Workplace custom integration with the "Manage accounts" permission',
          specUri: 'https://www.rfc-editor.org/info/rfc6750',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${ctx.baseUrl()}/ServiceProviderConfig` },
    });
  });

  app.get('/ResourceTypes', async (request, reply) => {
    refuseFilter(request);
    return sendScim(reply, 200, listResponse([userResourceType()]));
  });

  app.get('/ResourceTypes/:name', async (request, reply) => {
    const { name } = request.params as { name: string };
    if (name !== 'User') throw notFound(`resource type ${name} not found`);
    return sendScim(reply, 200, userResourceType());
  });

  app.get('/Schemas', async (request, reply) => {
    refuseFilter(request);
    return sendScim(reply, 200, listResponse(SCHEMAS.map((s) => schemaResource(s.id))));
  });

  app.get('/Schemas/:urn', async (request, reply) => {
    const { urn } = request.params as { urn: string };
    const schema = schemaByUrn(urn);
    if (!schema) throw notFound(`schema ${urn} not found`);
    return sendScim(reply, 200, schemaResource(schema.id));
  });
};
