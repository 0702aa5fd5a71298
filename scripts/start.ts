/**
 * `npm start`: the whole local stack, started by the same harness as the tests' and the
 * benchmarks' (`startLocalStack`) — the Temporal dev server (SQLite-persisted, Web UI, Tenure's
 * search attributes), the Workplace emulator, the SMTP sink, the worker and the API — on the
 * configured ports, with a data folder a restart reuses. Ctrl-C stops everything; a process that
 * dies stops everything and exits non-zero.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DEV_TOKEN_ENTRIES } from '../api/plugins/api-tokens';
import { openCodec } from '../codec';
import { loadCodecConfig, type CodecConfig } from '../codec/config';
import { loadApiConfig } from '../api/plugins/config';
import { loadStackConfig } from '../config/stack';
import { temporalConfig } from '../config/temporal';
import { loadEmulatorOptions } from '../emulator/config';
import { loadSmtpSinkConfig } from '../smtp-sink/config';
import { loadWorkerConfig } from '../worker/config';
import { checkKeepAlive } from './lib/check-keep-alive';
import { ensureReconcileSchedule, loadReconcileCron } from '../schedules/reconcile';
import { PrefixedLog } from './lib/prefixed-log';
import { startLocalStack, type LocalStack } from './lib/stack/local-stack';
import { serviceEnv } from './lib/stack/service-env';
import { describeExit } from './lib/stack/stack-watch';
import { resolveTemporalBinary } from './lib/temporal-binaries';

/** Why the stack stops: the user asked (a signal), or something failed. */
type Outcome = { kind: 'interrupt' | 'failure'; reason: string };

const failure = (error: unknown): Outcome => ({
  kind: 'failure',
  reason: error instanceof Error ? error.message : String(error),
});

function whenAborted(signal: AbortSignal): Promise<Outcome> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(signal.reason as Outcome);
    else signal.addEventListener('abort', () => resolve(signal.reason as Outcome), { once: true });
  });
}

/** The user's variables for the worker and the API, over the stack's: all but where the stack itself put things. */
function userEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { TEMPORAL_ADDRESS: _address, TENURE_DATA_DIR: _dataDir, ...rest } = env;
  return rest;
}

async function main(): Promise<number> {
  const config = loadStackConfig();
  const temporalAddress = `127.0.0.1:${config.temporalPort}`;
  const emulator = loadEmulatorOptions({
    EMULATOR_PERSIST_FILE: join(config.dataDir, 'workplace-emulator.json'),
    ...process.env,
  });
  const sink = loadSmtpSinkConfig();
  // The worker and the API find the others through the same variables a deployment sets.
  const childEnv: NodeJS.ProcessEnv = {
    ...serviceEnv({
      temporalAddress,
      workplace: { url: `http://${emulator.host}:${emulator.port}`, token: emulator.tokens?.[0] },
      smtpPort: sink.smtpPort,
    }),
    // Links in operators' e-mails point at this stack's API.
    API_PUBLIC_URL: `http://localhost:${process.env.API_PORT ?? 3000}`,
    // The UI (at either name of this machine) decodes through the API's codec.
    API_CODEC_ORIGINS: `http://localhost:${config.temporalUiPort},http://127.0.0.1:${config.temporalUiPort}`,
    TENURE_DATA_DIR: config.dataDir,
    ...userEnv(process.env),
  };
  // Validate every process's configuration before starting anything: fail fast, in one place.
  const { namespace } = temporalConfig(childEnv);
  const api = loadApiConfig(childEnv);
  loadWorkerConfig(childEnv);
  // Also makes the development master key (outside production, without TENURE_MASTER_KEYS) before any process reads it.
  const codecConfig = loadCodecConfig(childEnv);

  const cli = await resolveTemporalBinary('cli');
  await mkdir(config.dataDir, { recursive: true });

  const log = new PrefixedLog(['temporal', 'worker', 'api', 'stack']);
  const say = (line: string) => log.line('stack', line);
  const stopping = new AbortController();
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => stopping.abort({ kind: 'interrupt', reason: signal } satisfies Outcome));
  }

  say(`Temporal CLI: ${cli.path} (${cli.source})`);
  const starting = startLocalStack({
    label: 'the local stack',
    dir: config.dataDir,
    keepDir: true,
    temporal: {
      devServer: {
        binary: cli.path,
        port: config.temporalPort,
        uiPort: config.temporalUiPort,
        namespace,
        uiCodecEndpoint: `http://localhost:${api.port}/codec`,
      },
    },
    emulator,
    sink,
    storeEnv: { TENURE_DATA_DIR: config.dataDir },
    worker: { env: childEnv },
    api: { env: childEnv, listen: { host: api.host, port: api.port } },
    signal: stopping.signal,
    watch: {
      line: (part, line) => log.line(part, line),
      exited: (part, exit) =>
        stopping.abort({
          kind: 'failure',
          reason: `${part} exited unexpectedly (${describeExit(exit)})`,
        } satisfies Outcome),
    },
  });
  const outcome = await Promise.race([
    starting.then(async (stack) => {
      await announce(stack, { namespace, codecConfig, devTokens: api.devTokens, uiPort: config.temporalUiPort, say });
      return whenAborted(stopping.signal);
    }, failure),
    whenAborted(stopping.signal),
  ]).catch(failure);
  say(outcome.kind === 'interrupt' ? `${outcome.reason}: stopping` : `${outcome.reason}; stopping everything`);
  // A start under way stops what it started by itself once aborted (or failed).
  if (!stopping.signal.aborted) stopping.abort(outcome);
  const stack = await starting.catch(() => undefined);
  await stack?.close();
  say('stopped');
  return outcome.kind === 'interrupt' ? 0 : 1;
}

/**
 * Proves the worker runs workflows and reaches Workplace, applies the reconciliation schedule,
 * then prints where everything is.
 */
async function announce(
  stack: LocalStack,
  {
    namespace,
    codecConfig,
    devTokens,
    uiPort,
    say,
  }: { namespace: string; codecConfig: CodecConfig; devTokens: boolean; uiPort: number; say: (line: string) => void },
): Promise<void> {
  const connection = await Connection.connect({ address: stack.temporalAddress });
  const codec = await openCodec({ config: codecConfig });
  try {
    const client = new Client({ connection, namespace, dataConverter: codec.dataConverter });
    const check = await checkKeepAlive(client);
    say(`keep-alive schedule ${check.schedule}; Workplace answered (${check.workflowId})`);
    say(`reconciliation schedule ${await ensureReconcileSchedule(client, loadReconcileCron())} (RECONCILE_CRON)`);
  } finally {
    await connection.close();
    await codec.close();
  }

  const apiUrl = stack.api!.url;
  const apiPort = new URL(apiUrl).port;
  say('');
  say('Tenure is running:');
  say(`  Temporal Web UI    http://localhost:${uiPort}/namespaces/${namespace}/workflows`);
  say(`  Temporal gRPC      ${stack.temporalAddress} (namespace ${namespace})`);
  say(`  API                ${apiUrl}  (docs: ${apiUrl}/docs)`);
  say(
    `  codec (UI decodes) http://localhost:${apiPort}/codec${devTokens ? '' : '  (operators sign in at /codec/login)'}`,
  );
  if (codecConfig.developmentKeyFile) say(`  master key         ${codecConfig.developmentKeyFile} (development only)`);
  if (devTokens) say(`                     development hr token: ${DEV_TOKEN_ENTRIES.hr.token}`);
  say(`  Workplace emulator ${stack.emulator.url}`);
  say(
    `                     users: curl -H 'Authorization: Bearer ${stack.emulator.token}' ${stack.emulator.url}/_emulator/users`,
  );
  say(`  Mail (SMTP sink)   ${stack.sink.httpUrl}/  (SMTP on port ${stack.sink.smtpPort})`);
  say(`  data               ${stack.dir}`);
  say('Press Ctrl-C to stop.');
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
