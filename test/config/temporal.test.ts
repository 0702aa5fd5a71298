/**
 * The Temporal connection's TLS, mTLS and API-key settings: how they are read, and that they work
 * against a real TLS endpoint — a TLS-terminating gRPC proxy (mTLS, API key) in front of a real dev
 * server, with certificates made for the test — for the client's Connection (API, schedules) and
 * the worker's NativeConnection, and that a client without the right settings is refused.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { NativeConnection, Worker } from '@temporalio/worker';
import { ConfigError } from '../../config/env';
import { temporalConfig, temporalConnectionOptions } from '../../config/temporal';
import { createDevServerEnv } from '../helpers/temporal-env';
import { makeTestCertificates, type TestCertificates } from '../helpers/test-certificates';
import { startTlsGrpcProxy } from '../helpers/tls-grpc-proxy';
import { workflowBundle } from '../../scripts/lib/stack/workflow-bundle';

let certs: TestCertificates;

beforeAll(async () => {
  certs = await makeTestCertificates();
});

describe('reading the Temporal settings', () => {
  it('connects in plain text by default', () => {
    const config = temporalConfig({});
    expect(config).toEqual({ address: 'localhost:7233', namespace: 'default' });
    expect(temporalConnectionOptions(config)).toEqual({ address: 'localhost:7233', tls: false });
  });

  it('reads the CA, the client certificate and key and the server name as TLS settings', () => {
    const config = temporalConfig({
      TEMPORAL_ADDRESS: 'temporal.internal:7233',
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.caCert,
      TEMPORAL_TLS_CLIENT_CERT_PATH: certs.clientCert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certs.clientKey,
      TEMPORAL_TLS_SERVER_NAME: 'temporal.test',
    });
    expect(config.tls?.serverNameOverride).toBe('temporal.test');
    expect(Buffer.from(config.tls!.serverRootCACertificate!).toString()).toContain('BEGIN CERTIFICATE');
    expect(Buffer.from(config.tls!.clientCertPair!.crt).toString()).toContain('BEGIN CERTIFICATE');
    expect(Buffer.from(config.tls!.clientCertPair!.key).toString()).toContain('PRIVATE KEY');
  });

  it('turns TLS on for an API key or TEMPORAL_TLS=true, and keeps it off when TEMPORAL_TLS=false says so', () => {
    expect(temporalConnectionOptions(temporalConfig({ TEMPORAL_API_KEY: 'k' }))).toEqual({
      address: 'localhost:7233',
      tls: {},
      apiKey: 'k',
    });
    expect(temporalConfig({ TEMPORAL_TLS: 'true' }).tls).toEqual({});
    expect(temporalConnectionOptions(temporalConfig({ TEMPORAL_API_KEY: 'k', TEMPORAL_TLS: 'false' }))).toEqual({
      address: 'localhost:7233',
      tls: false,
      apiKey: 'k',
    });
  });

  it('refuses half an mTLS pair, TLS files with TLS off, and files that are missing or not PEM, naming each', async () => {
    const notPem = join(certs.dir, 'not-pem.txt');
    await writeFile(notPem, 'hello');
    const refusal = (env: NodeJS.ProcessEnv) => {
      try {
        temporalConfig(env);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        return (error as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refusal({ TEMPORAL_TLS_CLIENT_CERT_PATH: certs.clientCert })).toContain(
      'TEMPORAL_TLS_CLIENT_CERT_PATH and TEMPORAL_TLS_CLIENT_KEY_PATH must be set together',
    );
    expect(refusal({ TEMPORAL_TLS: 'false', TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.caCert })).toContain(
      'TEMPORAL_TLS="false": is false, yet TLS files or a server name are set',
    );
    expect(refusal({ TEMPORAL_TLS: 'yes' })).toContain('TEMPORAL_TLS="yes"');
    const files = refusal({
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: join(certs.dir, 'missing.pem'),
      TEMPORAL_TLS_CLIENT_CERT_PATH: notPem,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certs.clientKey,
    });
    expect(files).toContain(
      `TEMPORAL_TLS_SERVER_CA_CERT_PATH="${join(certs.dir, 'missing.pem')}": cannot be read (ENOENT)`,
    );
    expect(files).toContain(`TEMPORAL_TLS_CLIENT_CERT_PATH="${notPem}": is not a PEM file`);
    expect(refusal({ TEMPORAL_API_KEY: '', TEMPORAL_NAMESPACE: '', TEMPORAL_TLS: 'maybe' })).not.toContain('API_KEY');
  });
});

describe('against a TLS endpoint that demands a client certificate and an API key', () => {
  const API_KEY = 'tenure-test-api-key-0123456789';
  let env: TestWorkflowEnvironment;
  let proxy: Awaited<ReturnType<typeof startTlsGrpcProxy>>;
  let full: NodeJS.ProcessEnv;

  beforeAll(async () => {
    env = await createDevServerEnv();
    proxy = await startTlsGrpcProxy(env.address, certs, { requireClientCert: true, apiKey: API_KEY });
    full = {
      TEMPORAL_ADDRESS: proxy.address,
      TEMPORAL_TLS_SERVER_CA_CERT_PATH: certs.caCert,
      TEMPORAL_TLS_CLIENT_CERT_PATH: certs.clientCert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certs.clientKey,
      TEMPORAL_TLS_SERVER_NAME: certs.serverName,
      TEMPORAL_API_KEY: API_KEY,
    };
  });

  afterAll(async () => {
    await proxy?.close();
    await env?.teardown();
  });

  /** An error's message and its causes' (the client wraps a refused first call). */
  const messages = (error: unknown): string =>
    error instanceof Error
      ? [error.message, ...(error.cause ? [messages(error.cause)] : [])].join(': ')
      : String(error);

  /** A client Connection with these settings; what a call answers, or why it failed. */
  async function clientCall(settings: NodeJS.ProcessEnv): Promise<string> {
    let connection: Connection | undefined;
    try {
      connection = await Connection.connect({
        ...temporalConnectionOptions(temporalConfig(settings)),
        connectTimeout: 1_000,
      });
      const described = await connection.workflowService.describeNamespace({ namespace: 'default' });
      return `ok ${described.namespaceInfo?.name}`;
    } catch (error) {
      return `refused: ${messages(error)}`;
    } finally {
      await connection?.close();
    }
  }

  async function nativeCall(settings: NodeJS.ProcessEnv): Promise<string> {
    let connection: NativeConnection | undefined;
    try {
      connection = await NativeConnection.connect(temporalConnectionOptions(temporalConfig(settings)));
      const described = await connection.workflowService.describeNamespace({ namespace: 'default' });
      return `ok ${described.namespaceInfo?.name}`;
    } catch (error) {
      return `refused: ${(error as Error).message}`;
    } finally {
      await connection?.close();
    }
  }

  it('runs a workflow with the worker and the client both connected through it', async () => {
    const before = proxy.calls();
    const workerConnection = await NativeConnection.connect(temporalConnectionOptions(temporalConfig(full)));
    const clientConnection = await Connection.connect(temporalConnectionOptions(temporalConfig(full)));
    try {
      let pinged = 0;
      const worker = await Worker.create({
        connection: workerConnection,
        taskQueue: 'tls-test',
        workflowBundle: await workflowBundle(),
        activities: { pingDirectory: async () => void pinged++ },
      });
      const client = new Client({ connection: clientConnection });
      await worker.runUntil(
        client.workflow.execute('directoryKeepAliveWorkflow', {
          taskQueue: 'tls-test',
          workflowId: `tls-${Date.now()}`,
        }),
      );
      expect(pinged).toBe(1);
      expect(proxy.calls() - before).toBeGreaterThan(3);
    } finally {
      await clientConnection.close();
      await workerConnection.close();
    }
  });

  it('answers the client Connection and the worker NativeConnection with every setting', async () => {
    expect(await clientCall(full)).toBe('ok default');
    expect(await nativeCall(full)).toBe('ok default');
  });

  it('refuses a client without the client certificate, or with one another CA signed', async () => {
    const { TEMPORAL_TLS_CLIENT_CERT_PATH: _c, TEMPORAL_TLS_CLIENT_KEY_PATH: _k, ...noCert } = full;
    const stranger = {
      ...full,
      TEMPORAL_TLS_CLIENT_CERT_PATH: certs.strangerCert,
      TEMPORAL_TLS_CLIENT_KEY_PATH: certs.strangerKey,
    };
    for (const settings of [noCert, stranger]) {
      expect(await clientCall(settings)).toMatch(/^refused/);
      expect(await nativeCall(settings)).toMatch(/^refused/);
    }
  });

  it('refuses to talk to a server whose certificate it cannot check: unknown CA, or the wrong name', async () => {
    const { TEMPORAL_TLS_SERVER_CA_CERT_PATH: _ca, ...systemCas } = full;
    const { TEMPORAL_TLS_SERVER_NAME: _name, ...byAddress } = full;
    for (const settings of [systemCas, byAddress]) {
      expect(await clientCall(settings)).toMatch(/^refused/);
      expect(await nativeCall(settings)).toMatch(/^refused/);
    }
  });

  it('is refused without the API key, or with another', async () => {
    const { TEMPORAL_API_KEY: _key, ...noKey } = full;
    for (const settings of [noKey, { ...full, TEMPORAL_API_KEY: 'another-key' }]) {
      expect(await clientCall(settings)).toMatch(/^refused: .*a valid API key is required/);
      expect(await nativeCall(settings)).toMatch(/^refused: .*a valid API key is required/);
    }
  });
});
