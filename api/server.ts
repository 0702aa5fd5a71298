/** The API process: builds Fastify, registers the app, listens, and closes gracefully on SIGINT/SIGTERM. */
import Fastify from 'fastify';
import { app } from './app';
import { loadApiConfig } from './plugins/config';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const server = Fastify({ logger: true });
  await server.register(app);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      server.log.info({ signal }, 'shutting down');
      server.close().then(
        () => process.exit(0),
        () => process.exit(1),
      );
    });
  }
  await server.listen({ host: config.host, port: config.port });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
