/**
 * `npm start`: the whole local stack in one supervised process tree — the Temporal dev server
 * (SQLite-persisted, Web UI, Tenure's search attributes), the Workplace emulator, the SMTP sink,
 * the worker and the API. Ctrl-C stops everything; a child that dies stops everything and exits
 * non-zero.
 */
import { mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DEV_TOKEN_ENTRIES } from '../api/plugins/api-tokens';
import { openCodec } from '../codec';
import { loadCodecConfig } from '../codec/config';
import { loadApiConfig } from '../api/plugins/config';
import { loadStackConfig } from '../config/stack';
import { temporalConfig } from '../config/temporal';
import { loadEmulatorOptions } from '../emulator/config';
import { loadSmtpSinkConfig } from '../smtp-sink/config';
import { loadWorkerConfig } from '../worker/config';
import { SEARCH_ATTRIBUTES } from '../workflows/contract';
import { checkKeepAlive } from './lib/check-keep-alive';
import { ensureReconcileSchedule, loadReconcileCron } from '../schedules/reconcile';
import { devServerArgs } from './lib/dev-server-args';
import { serviceEnv } from './lib/stack/service-env';
import { Supervisor } from './lib/supervisor';
import { resolveTemporalBinary } from './lib/temporal-binaries';
import { waitForHttp, waitForTemporal } from './lib/wait-for';

const ROOT = resolve(__dirname, '..');
const node = (entry: string) => ({ command: process.execPath, args: ['--import', 'tsx', join(ROOT, entry)] });

async function main(): Promise<number> {
  const stack = loadStackConfig();
  const temporalAddress = `127.0.0.1:${stack.temporalPort}`;
  const emulator = loadEmulatorOptions({
    EMULATOR_PERSIST_FILE: join(stack.dataDir, 'workplace-emulator.json'),
    ...process.env,
  });
  const sink = loadSmtpSinkConfig();
  const emulatorUrl = `http://127.0.0.1:${emulator.port}`;
  // The children find each other through the same variables a deployment sets.
  const services = serviceEnv({
    temporalAddress,
    workplace: { url: emulatorUrl, token: emulator.tokens?.[0] },
    smtpPort: sink.smtpPort,
  });
  const childEnv: NodeJS.ProcessEnv = {
    ...services,
    EMULATOR_PERSIST_FILE: emulator.persistFile,
    // Links in operators' e-mails point at this stack's API.
    API_PUBLIC_URL: `http://localhost:${process.env.API_PORT ?? 3000}`,
    // The UI (at either name of this machine) decodes through the API's codec.
    API_CODEC_ORIGINS: `http://localhost:${stack.temporalUiPort},http://127.0.0.1:${stack.temporalUiPort}`,
    TENURE_DATA_DIR: stack.dataDir,
    ...process.env,
    TEMPORAL_ADDRESS: services.TEMPORAL_ADDRESS,
  };
  // Validate every child's configuration before starting anything: fail fast, in one place.
  const { namespace } = temporalConfig(childEnv);
  const api = loadApiConfig(childEnv);
  loadWorkerConfig(childEnv);
  // Also makes the development master key (outside production, without TENURE_MASTER_KEYS) before any child reads it.
  const codecConfig = loadCodecConfig(childEnv);

  const cli = await resolveTemporalBinary('cli');
  await mkdir(stack.dataDir, { recursive: true });

  let failed: ((reason: string) => void) | undefined;
  const failure = new Promise<string>((resolveFailure) => (failed = resolveFailure));
  const supervisor = new Supervisor(['temporal', 'emulator', 'smtp-sink', 'worker', 'api', 'stack'], (name, code) =>
    failed?.(`${name} exited unexpectedly (code ${code})`),
  );
  const say = (line: string) => supervisor.log('stack', line);

  let interrupted: ((signal: string) => void) | undefined;
  const interrupt = new Promise<string>((resolveInterrupt) => (interrupted = resolveInterrupt));
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => interrupted?.(signal));

  const boot = async () => {
    say(`Temporal CLI: ${cli.path} (${cli.source})`);
    supervisor.start({
      name: 'temporal',
      command: cli.path,
      args: devServerArgs({
        ip: '127.0.0.1',
        port: stack.temporalPort,
        uiPort: stack.temporalUiPort,
        dbFilename: join(stack.dataDir, 'temporal.db'),
        namespace,
        searchAttributes: SEARCH_ATTRIBUTES,
        uiCodecEndpoint: `http://localhost:${api.port}/codec`,
      }),
    });
    supervisor.start({ name: 'emulator', ...node('emulator/main.ts'), env: childEnv });
    supervisor.start({ name: 'smtp-sink', ...node('smtp-sink/main.ts'), env: childEnv });
    await waitForTemporal(temporalAddress);
    supervisor.start({ name: 'worker', ...node('worker/main.ts'), env: childEnv });
    supervisor.start({ name: 'api', ...node('api/server.ts'), env: childEnv });
    const apiUrl = `http://${api.host}:${api.port}`;
    await waitForHttp(`${apiUrl}/healthz`);

    await waitForHttp(`http://127.0.0.1:${sink.httpPort}/healthz`);

    const connection = await Connection.connect({ address: temporalAddress });
    const codec = await openCodec({ config: codecConfig });
    try {
      // Proves the worker runs workflows and reaches Workplace before the banner says the stack is up.
      const client = new Client({ connection, namespace, dataConverter: codec.dataConverter });
      const check = await checkKeepAlive(client);
      say(`keep-alive schedule ${check.schedule}; Workplace answered (${check.workflowId})`);
      say(`reconciliation schedule ${await ensureReconcileSchedule(client, loadReconcileCron())} (RECONCILE_CRON)`);
    } finally {
      await connection.close();
      await codec.close();
    }

    say('');
    say('Tenure is running:');
    say(`  Temporal Web UI    http://localhost:${stack.temporalUiPort}/namespaces/${namespace}/workflows`);
    say(`  Temporal gRPC      ${temporalAddress} (namespace ${namespace})`);
    say(`  API                ${apiUrl}  (docs: ${apiUrl}/docs)`);
    say(
      `  codec (UI decodes) http://localhost:${api.port}/codec${api.devTokens ? '' : '  (operators sign in at /codec/login)'}`,
    );
    if (codecConfig.developmentKeyFile)
      say(`  master key         ${codecConfig.developmentKeyFile} (development only)`);
    if (api.devTokens) say(`                     development hr token: ${DEV_TOKEN_ENTRIES.hr.token}`);
    say(`  Workplace emulator ${emulatorUrl}`);
    say(
      `                     users: curl -H 'Authorization: Bearer ${emulator.tokens?.[0]}' ${emulatorUrl}/_emulator/users`,
    );
    say(`  Mail (SMTP sink)   http://127.0.0.1:${sink.httpPort}/  (SMTP on port ${sink.smtpPort})`);
    say(`  data               ${stack.dataDir}`);
    say('Press Ctrl-C to stop.');
    return new Promise<never>(() => undefined);
  };

  const outcome = await Promise.race([
    boot().then(
      () => ({ kind: 'failure' as const, reason: 'boot ended' }),
      (err: unknown) => ({ kind: 'failure' as const, reason: err instanceof Error ? err.message : String(err) }),
    ),
    failure.then((reason) => ({ kind: 'failure' as const, reason })),
    interrupt.then((signal) => ({ kind: 'interrupt' as const, reason: signal })),
  ]);
  say(outcome.kind === 'interrupt' ? `${outcome.reason}: stopping` : `${outcome.reason}; stopping everything`);
  await supervisor.stopAll();
  say('stopped');
  return outcome.kind === 'interrupt' ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
