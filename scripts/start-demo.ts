/**
 * `npm run start:demo`: `npm start` with the demo's compressed lifecycle policy (reminders every
 * few seconds, retention in seconds), so that `npm run demo` can play whole employments in a
 * minute. Variables the user set win over the demo's; data go to `.data/demo`, apart from `npm
 * start`'s. Checks the stack's ports first, to say plainly when a stack already runs.
 */
import { join } from 'node:path';
import { loadApiConfig } from '../api/plugins/config';
import { ConfigError } from '../config/env';
import { loadStackConfig } from '../config/stack';
import { busyPorts, busyPortsMessage } from '../demo/ports';
import { DEMO_POLICY_ENV } from '../demo/policy';
import { loadEmulatorOptions } from '../emulator/config';
import { loadSmtpSinkConfig } from '../smtp-sink/config';

function setDefault(name: string, value: string): void {
  const current = process.env[name];
  if (current === undefined || current === '') process.env[name] = value;
}

async function main(): Promise<void> {
  for (const [name, value] of Object.entries(DEMO_POLICY_ENV)) setDefault(name, value);
  setDefault('TENURE_DATA_DIR', join('.data', 'demo'));
  // The demo reads five statuses twice a second with one token, and may run twice at once.
  setDefault('API_RATE_LIMIT_MAX', '0');
  const stack = loadStackConfig();
  const api = loadApiConfig();
  const emulator = loadEmulatorOptions();
  const sink = loadSmtpSinkConfig();
  // Links in the operators' e-mails point at this stack's API, wherever it listens.
  setDefault('API_PUBLIC_URL', `http://localhost:${api.port}`);

  const busy = await busyPorts([
    { variable: 'TEMPORAL_PORT', host: '127.0.0.1', port: stack.temporalPort },
    { variable: 'TEMPORAL_UI_PORT', host: '127.0.0.1', port: stack.temporalUiPort },
    { variable: 'API_PORT', host: api.host, port: api.port },
    { variable: 'EMULATOR_PORT', host: emulator.host ?? '127.0.0.1', port: emulator.port ?? 4100 },
    { variable: 'SMTP_SINK_SMTP_PORT', host: sink.host, port: sink.smtpPort },
    { variable: 'SMTP_SINK_HTTP_PORT', host: sink.host, port: sink.httpPort },
  ]);
  if (busy.length > 0) {
    process.stderr.write(`${busyPortsMessage(busy)}\n`);
    process.exit(1);
  }

  const policy = Object.keys(DEMO_POLICY_ENV)
    .map((name) => `${name}=${process.env[name]}`)
    .join(' ');
  process.stdout.write(
    `Demo stack: ${policy}\n` +
      `Data in ${stack.dataDir}. Once the stack says it is running, run \`npm run demo\` in another terminal.\n\n`,
  );
  // The stack itself, in this process: its signal handling and exit code are the demo stack's.
  await import('./start.js');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
});
