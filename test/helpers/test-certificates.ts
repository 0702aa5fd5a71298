import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** PEM files made for one test: a CA, a server certificate it signed, clients it signed and one it did not. */
export interface TestCertificates {
  dir: string;
  /** the name the server certificate holds (DNS; with no IP address given, a client must name it) */
  serverName: string;
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** a client certificate signed by another CA */
  strangerCert: string;
  strangerKey: string;
}

/** A new P-256 key in `<name>.key`, and `openssl req` with these arguments for its certificate request. */
function newKeyRequest(dir: string, name: string, extra: string[]): Promise<unknown> {
  const args = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-subj', `/CN=${name}`];
  return run('openssl', ['req', ...args, '-keyout', join(dir, `${name}.key`), ...extra]);
}

async function selfSignedCa(dir: string, name: string): Promise<{ cert: string; key: string }> {
  const cert = join(dir, `${name}.pem`);
  const ca = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'];
  await newKeyRequest(dir, name, ['-x509', '-days', '2', '-out', cert, ...ca.flatMap((e) => ['-addext', e])]);
  return { cert, key: join(dir, `${name}.key`) };
}

async function signed(
  dir: string,
  name: string,
  ca: { cert: string; key: string },
  extensions: string,
): Promise<{ cert: string; key: string }> {
  const csr = join(dir, `${name}.csr`);
  const cert = join(dir, `${name}.pem`);
  const ext = join(dir, `${name}.ext`);
  await writeFile(ext, extensions);
  await newKeyRequest(dir, name, ['-out', csr]);
  const signing = ['-CA', ca.cert, '-CAkey', ca.key, '-CAcreateserial', '-days', '2', '-extfile', ext];
  await run('openssl', ['x509', '-req', '-in', csr, '-out', cert, ...signing]);
  return { cert, key: join(dir, `${name}.key`) };
}

/**
 * Makes fresh certificates with the openssl CLI in a temporary folder (ECDSA P-256, valid two
 * days); the server's holds `serverName`, and `ip` when given.
 */
export async function makeTestCertificates(serverName = 'temporal.test', ip?: string): Promise<TestCertificates> {
  const dir = await mkdtemp(join(process.env.TENURE_TEST_DIR ?? tmpdir(), 'certs-'));
  const ca = await selfSignedCa(dir, 'tenure-test-ca');
  const leaf = 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n';
  const server = await signed(
    dir,
    'server',
    ca,
    `${leaf}extendedKeyUsage=serverAuth\nsubjectAltName=DNS:${serverName}${ip ? `,IP:${ip}` : ''}\n`,
  );
  const client = await signed(dir, 'tenure-worker', ca, `${leaf}extendedKeyUsage=clientAuth\n`);
  const strangerCa = await selfSignedCa(dir, 'stranger-ca');
  const stranger = await signed(dir, 'stranger', strangerCa, `${leaf}extendedKeyUsage=clientAuth\n`);
  return {
    dir,
    serverName,
    caCert: ca.cert,
    serverCert: server.cert,
    serverKey: server.key,
    clientCert: client.cert,
    clientKey: client.key,
    strangerCert: stranger.cert,
    strangerKey: stranger.key,
  };
}
