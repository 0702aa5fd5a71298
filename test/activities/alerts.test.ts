/**
 * The fleet alert when the directory refuses Tenure's credentials: a real HTTP 401 from the
 * emulator becomes a `DirectoryUnauthorized` failure (Tenure's own retry, not Temporal's) and the
 * activity raises the worker's alert — an `ALERT` error log line and the `tenure_directory_unauthorized`
 * counter — with the request's method and path, never the token or personal data.
 */
import { ApplicationFailure, type LogLevel, type LogMetadata, type Logger, type MetricMeter } from '@temporalio/common';
import { MockActivityEnvironment } from '@temporalio/testing';
import { createDirectoryActivities } from '../../activities/directory-activities';
import { workerAlerts } from '../../activities/alerts';
import { ScimClient } from '../../activities/scim';
import { startEmulator, type RunningEmulator } from '../../emulator/server';

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, tokens: ['the-right-token-0123456789'] });
});

afterAll(async () => {
  await emulator?.close();
});

/** A logger and a metric meter that keep what the activity gave them. */
function recorders() {
  const lines: { level: LogLevel; message: string; meta?: LogMetadata }[] = [];
  const counted: { name: string; value: number }[] = [];
  const logAt =
    (level: LogLevel) =>
    (message: string, meta?: LogMetadata): void => {
      lines.push({ level, message, ...(meta ? { meta } : {}) });
    };
  const logger: Logger = {
    log: (level, message, meta) => logAt(level)(message, meta),
    trace: logAt('TRACE'),
    debug: logAt('DEBUG'),
    info: logAt('INFO'),
    warn: logAt('WARN'),
    error: logAt('ERROR'),
  };
  const noop = { add: () => undefined, record: () => undefined, set: () => undefined };
  const meter: MetricMeter = {
    createCounter: (name) =>
      ({
        ...noop,
        name,
        kind: 'counter',
        valueType: 'int',
        unit: '',
        description: '',
        add: (value: number) => counted.push({ name, value }),
      }) as never,
    createHistogram: () => noop as never,
    createGauge: () => noop as never,
    createUpDownCounter: () => noop as never,
    withTags: () => meter,
  };
  return { logger, meter, lines, counted };
}

describe('directory unauthorized alert', () => {
  it('turns a real 401 into DirectoryUnauthorized and raises the ALERT log line and counter, without the token', async () => {
    const directory = new ScimClient({
      baseUrl: emulator.url,
      token: 'a-revoked-token-0123456789',
      profile: 'workplace',
      timeoutMs: 5_000,
    });
    const activities = createDirectoryActivities(
      directory,
      { locale: 'en_US', authMethod: 'sso' },
      async () => undefined,
      workerAlerts,
    );
    const { logger, meter, lines, counted } = recorders();
    const env = new MockActivityEnvironment({}, { logger, metricMeter: meter });

    const failure = await env.run(activities.findWorkplaceUser, { externalId: 'E-ALERT-1' }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ApplicationFailure);
    expect(failure).toMatchObject({ type: 'DirectoryUnauthorized', nonRetryable: true });

    const alert = lines.find((l) => l.message.startsWith('ALERT'));
    expect(alert).toMatchObject({ level: 'ERROR', meta: { status: 401, method: 'GET', path: '/Users' } });
    expect(JSON.stringify(lines)).not.toContain('a-revoked-token');
    expect(JSON.stringify(lines)).not.toContain('E-ALERT-1');
    expect(counted).toEqual([{ name: 'tenure_directory_unauthorized', value: 1 }]);
  });
});
