/**
 * SMTP_REQUIRE_TLS against real SMTP servers (smtp-server): with it, a notification goes out only
 * over a connection STARTTLS secured with a certificate Tenure trusts; without a STARTTLS offer, or
 * with a certificate it cannot check, nothing is sent. Certificates are made for the test.
 */
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { createNotifier, loadMailConfig, MailDeliveryError } from '../../../activities/notifications';
import { reminderNotification } from '../../helpers/notification-fixtures';
import { makeTestCertificates, type TestCertificates } from '../../helpers/test-certificates';

interface Relay {
  port: number;
  /** for each message received: whether its session was secured by TLS */
  received: boolean[];
  close(): Promise<void>;
}

/** An SMTP server that offers STARTTLS with the test certificate, or offers no TLS at all. */
async function startRelay(certs: TestCertificates | undefined): Promise<Relay> {
  const received: boolean[] = [];
  const server = new SMTPServer({
    authOptional: true,
    logger: false,
    ...(certs
      ? { key: readFileSync(certs.serverKey), cert: readFileSync(certs.serverCert) }
      : { disabledCommands: ['STARTTLS'] }),
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        received.push(session.secure);
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.server.address() as AddressInfo).port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

let certs: TestCertificates;
let tlsRelay: Relay;
let plainRelay: Relay;

beforeAll(async () => {
  certs = await makeTestCertificates('localhost', '127.0.0.1');
  tlsRelay = await startRelay(certs);
  plainRelay = await startRelay(undefined);
});

afterAll(async () => {
  await tlsRelay?.close();
  await plainRelay?.close();
});

async function send(env: NodeJS.ProcessEnv): Promise<string> {
  const notifier = createNotifier(loadMailConfig({ SMTP_TIMEOUT_MS: '5000', ...env }));
  try {
    await notifier.send(reminderNotification);
    return 'sent';
  } catch (error) {
    expect(error).toBeInstanceOf(MailDeliveryError);
    return `failed: ${(error as Error).message}`;
  } finally {
    notifier.close();
  }
}

it('sends over STARTTLS when the relay offers it and its certificate checks out', async () => {
  const before = tlsRelay.received.length;
  expect(
    await send({ SMTP_PORT: String(tlsRelay.port), SMTP_REQUIRE_TLS: 'true', SMTP_TLS_CA_PATH: certs.caCert }),
  ).toBe('sent');
  expect(tlsRelay.received.slice(before)).toEqual([true]);
});

it('sends nothing when TLS is required and the relay offers no STARTTLS', async () => {
  const outcome = await send({ SMTP_PORT: String(plainRelay.port), SMTP_REQUIRE_TLS: 'true' });
  expect(outcome).toMatch(/^failed: Permanent failure sending the reminder notification/);
  expect(plainRelay.received).toEqual([]);
});

it("sends nothing when the relay's certificate cannot be checked", async () => {
  const before = tlsRelay.received.length;
  const outcome = await send({ SMTP_PORT: String(tlsRelay.port), SMTP_REQUIRE_TLS: 'true' });
  expect(outcome).toMatch(/^failed: .*certificate/);
  expect(tlsRelay.received.length).toBe(before);
});

it('without SMTP_REQUIRE_TLS, still sends to a relay that offers no TLS (the local sink)', async () => {
  expect(await send({ SMTP_PORT: String(plainRelay.port) })).toBe('sent');
  expect(plainRelay.received).toEqual([false]);
});

it('stops at start-up when the CA file cannot be read', () => {
  expect(() => loadMailConfig({ SMTP_TLS_CA_PATH: '/nonexistent/ca.pem' })).toThrow(
    'SMTP_TLS_CA_PATH="/nonexistent/ca.pem": cannot be read (ENOENT)',
  );
});
