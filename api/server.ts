/**
 * The API process: opens the codec (and the store), connects to Temporal, serves, and on
 * SIGINT/SIGTERM drains requests, then closes the connection and the store.
 */
import { Client, Connection } from '@temporalio/client';
import { openCodec } from '../codec';
import { loadCodecConfig } from '../codec/config';
import { temporalConnectionOptions } from '../config/temporal';
import { buildApi } from './app';
import { loadApiConfig } from './plugins/config';

/** How long a shutdown may wait for in-flight requests before the process exits anyway. */
const SHUTDOWN_DEADLINE_MS = 30_000;

async function main(): Promise<void> {
  const config = loadApiConfig();
  const codec = await openCodec({ config: loadCodecConfig() });
  // Lazy: the API starts (and /readyz says 503) while Temporal is not up yet.
  const connection = Connection.lazy(temporalConnectionOptions(config.temporal));
  const client = new Client({ connection, namespace: config.temporal.namespace, dataConverter: codec.dataConverter });
  const server = await buildApi({ config, client, codec: codec.codec, store: codec.store });
  if (config.devTokens) {
    server.log.warn(
      'API_TOKENS is not set: the well-known development tokens are in force, and /codec decodes for anyone (see the README)',
    );
  }
  if (codec.config.developmentKeyFile) {
    server.log.warn(
      `TENURE_MASTER_KEYS is not set: the development key in ${codec.config.developmentKeyFile} is in force`,
    );
  }
  let stopping = false;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      if (stopping) return;
      stopping = true;
      server.log.info({ signal }, 'shutting down: finishing in-flight requests');
      setTimeout(() => {
        server.log.error('in-flight requests did not finish in time; exiting');
        process.exit(1);
      }, SHUTDOWN_DEADLINE_MS).unref();
      server
        .close()
        .then(() => connection.close())
        .then(() => codec.close())
        .then(
          () => process.exit(0),
          (err: unknown) => {
            server.log.error({ err }, 'shutdown failed');
            process.exit(1);
          },
        );
    });
  }
  await server.listen({ host: config.host, port: config.port });
}

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
