import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/**
 * Lets a shutdown drain: a response sent once closing began carries `Connection: close`, so the
 * client drops its keep-alive socket and `close()` resolves as soon as in-flight requests are
 * answered (Fastify only marks requests that arrive during the close, and would otherwise wait
 * out its 72 s keep-alive timeout for the sockets of requests already in flight).
 */
export const gracefulClose = fp(
  async (app: FastifyInstance) => {
    let closing = false;
    app.addHook('preClose', async () => {
      closing = true;
    });
    app.addHook('onSend', async (_request, reply, payload) => {
      if (closing) reply.header('connection', 'close');
      return payload;
    });
  },
  { name: 'tenure-graceful-close' },
);
