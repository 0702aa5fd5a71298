import type { FastifyPluginAsync } from 'fastify';
import { REPORTS_PAGE } from '../../pages/reports-page';

/**
 * `GET /reports`: the report page. Open like the docs (the page holds no data: it asks for a
 * token and fetches the report with it); its own script only, nothing from elsewhere.
 */
export const reportsPageRoute: FastifyPluginAsync = async (app) => {
  app.get('/reports', { schema: { hide: true } }, async (_request, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header(
        'content-security-policy',
        "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'",
      )
      .send(REPORTS_PAGE),
  );
};
