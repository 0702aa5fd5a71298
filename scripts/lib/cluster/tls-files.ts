import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The certificates of a cluster whose frontend speaks mutual TLS: a throw-away CA, the frontend's
 * certificate (for `localhost` and 127.0.0.1), a client certificate for Tenure's processes and one
 * for the server's own system workers. PEM files, made with the `openssl` command.
 */
export interface ClusterTls {
  /** the CA that signed every certificate here: clients trust it, the frontend accepts clients it signed */
  caFile: string;
  serverCertFile: string;
  serverKeyFile: string;
  /** what a client checks the frontend's certificate against */
  serverName: string;
  /** Tenure's client identity (worker, API, tests) */
  clientCertFile: string;
  clientKeyFile: string;
  /** the identity of the server's system workers, which call its frontend too */
  internalCertFile: string;
  internalKeyFile: string;
}

const SERVER_NAME = 'localhost';
// Elliptic-curve keys: made in milliseconds, and every TLS stack involved (Go, rustls) takes them.
const P256 = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1'];

function openssl(args: string[], cwd: string): void {
  const result = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  if (result.error) throw new Error(`openssl is needed for a TLS cluster: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`openssl ${args[0]} failed: ${result.stderr}`);
}

/** A P-256 key and a certificate for `subject` signed by the CA in `dir`, with the given extensions. */
async function issue(dir: string, name: string, subject: string, extensions: string[]): Promise<void> {
  openssl(['req', '-new', ...P256, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject], dir);
  await writeFile(join(dir, `${name}.ext`), `${extensions.join('\n')}\n`);
  openssl(
    [
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca.key',
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
    ].concat(['-days', '30', '-sha256', '-extfile', `${name}.ext`]),
    dir,
  );
}

/** Makes a fresh CA and the three certificates in `dir` (valid 30 days: a test's lifetime, not a deployment's). */
export async function createClusterTls(dir: string): Promise<ClusterTls> {
  await mkdir(dir, { recursive: true });
  openssl(
    ['req', '-x509', ...P256, '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '30', '-sha256']
      .concat(['-subj', '/CN=Tenure throw-away cluster CA', '-addext', 'basicConstraints=critical,CA:TRUE'])
      .concat(['-addext', 'keyUsage=critical,keyCertSign,cRLSign']),
    dir,
  );
  const leaf = (usage: string) => [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${usage}`,
  ];
  await issue(dir, 'server', `/CN=${SERVER_NAME}`, [
    ...leaf('serverAuth'),
    `subjectAltName=DNS:${SERVER_NAME},IP:127.0.0.1`,
  ]);
  await issue(dir, 'client', '/CN=tenure', leaf('clientAuth'));
  await issue(dir, 'internal', '/CN=temporal-system-worker', leaf('clientAuth'));
  return {
    caFile: join(dir, 'ca.pem'),
    serverCertFile: join(dir, 'server.pem'),
    serverKeyFile: join(dir, 'server.key'),
    serverName: SERVER_NAME,
    clientCertFile: join(dir, 'client.pem'),
    clientKeyFile: join(dir, 'client.key'),
    internalCertFile: join(dir, 'internal.pem'),
    internalKeyFile: join(dir, 'internal.key'),
  };
}

/**
 * The variables that point Tenure's worker and API at this cluster's TLS frontend, as an operator
 * sets them (config/temporal.ts reads them): the CA to trust, the client certificate and key, the
 * name the frontend's certificate carries.
 */
export function tenureTlsEnv(tls: ClusterTls): NodeJS.ProcessEnv {
  return {
    TEMPORAL_TLS: 'true',
    TEMPORAL_TLS_SERVER_CA_CERT_PATH: tls.caFile,
    TEMPORAL_TLS_CLIENT_CERT_PATH: tls.clientCertFile,
    TEMPORAL_TLS_CLIENT_KEY_PATH: tls.clientKeyFile,
    TEMPORAL_TLS_SERVER_NAME: tls.serverName,
  };
}
