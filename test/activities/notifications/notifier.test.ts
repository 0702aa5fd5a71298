import { createServer, type AddressInfo, type Server } from 'node:net';
import { SMTPServer } from 'smtp-server';
import {
  createNotifier,
  InvalidNotificationError,
  loadMailConfig,
  MailDeliveryError,
  renderNotification,
  type MailConfig,
  type ManualDeletionRequestNotification,
  type Notification,
  type Notifier,
} from '../../../activities/notifications';
import { startSmtpSink, type RunningSmtpSink } from '../../../smtp-sink/sink';
import { reminderNotification } from '../../helpers/notification-fixtures';

const reminder = reminderNotification;

const deletionRequest: ManualDeletionRequestNotification = {
  kind: 'manual-deletion-request',
  employeeId: 'E123',
  slot: 'deletion-1',
  to: 'ops@example.com',
  workplaceUserId: '100042',
  confirmUrl: 'http://127.0.0.1:3000/v1/employees/E123/deletion-confirmed',
};

const notifications: Notification[] = [
  reminder,
  {
    kind: 'manager-escalation',
    employeeId: 'E123',
    slot: 'c1-escalation',
    to: 'grace@example.com',
    managerName: 'Grace Hopper',
    employeeName: 'Ada Lovelace',
    employeeEmail: 'ada@example.com',
    claimLink: 'http://127.0.0.1:9/claim/abc',
    remindersSent: 3,
    startDate: '2026-09-01',
  },
  {
    kind: 'leave-notice',
    employeeId: 'E123',
    slot: 'leave-1',
    to: 'grace@example.com',
    employeeName: 'Ada Lovelace',
    deactivateAt: '2026-07-31T14:59:00.000Z',
    timeZone: 'Asia/Tokyo',
    reason: 'early-leave',
    locale: 'fr_CA',
  },
  deletionRequest,
];

let sink: RunningSmtpSink;
let config: MailConfig;
let notifier: Notifier;

beforeAll(async () => {
  sink = await startSmtpSink({
    smtpPort: 0,
    httpPort: 0,
    rejectRecipients: /^bounce@/i,
    deferRecipients: /^later@/i,
  });
  config = loadMailConfig({ SMTP_PORT: String(sink.smtpPort), MAIL_MESSAGE_ID_DOMAIN: 'tenure.test' });
  notifier = createNotifier(config);
});

afterAll(async () => {
  notifier.close();
  await sink.close();
});

beforeEach(() => sink.clear());

describe('createNotifier over SMTP', () => {
  it.each(notifications.map((n) => [n.kind, n] as const))(
    'delivers the %s with its subject, text, HTML and filtering headers',
    async (_kind, n) => {
      const expected = renderNotification(n, config);
      const sent = await notifier.send(n);
      expect(sent).toEqual({ messageId: expected.messageId, accepted: [n.to], rejected: [] });

      const received = await sink.waitFor((m) => m.messageId === expected.messageId);
      expect(received.to).toEqual([n.to]);
      expect(received.from).toBe('tenure@localhost');
      expect(received.subject).toBe(expected.subject);
      expect(received.text?.trim()).toBe(expected.text.trim());
      expect(received.html).toContain(expected.html.slice(expected.html.indexOf('<body')).trim());
      expect(received.headers['x-tenure-notification']).toBe(n.kind);
      expect(received.headers['x-tenure-employee-id']).toBe('E123');
    },
  );

  it('puts the employee’s display name beside their address, encoded', async () => {
    await notifier.send({ ...reminder, displayName: 'Renée "Ada" O\'Brien, Jr.' });
    const received = await sink.waitFor(() => true);
    expect(received.headers.to).toContain('<ada@example.com>');
    expect(received.headers.to).toContain('Renée');
    expect(received.to).toEqual(['ada@example.com']);
  });

  it('re-sends a retried notification with the same Message-ID, and a new slot with a new one', async () => {
    const first = await notifier.send(reminder);
    const retried = await notifier.send(reminder);
    const next = await notifier.send({ ...reminder, slot: 'c1-r2', reminderNumber: 2 });

    expect(retried.messageId).toBe(first.messageId);
    expect(next.messageId).not.toBe(first.messageId);
    await sink.waitFor((m) => m.messageId === next.messageId);
    expect(sink.messages().map((m) => m.messageId)).toEqual([first.messageId, first.messageId, next.messageId]);
  });

  it('sends a manual deletion request without a recipient to the configured operators', async () => {
    const operators = createNotifier({ ...config, operatorsEmail: 'it-operators@localhost' });
    try {
      const { to: _omitted, ...withoutRecipient } = deletionRequest;
      await operators.send(withoutRecipient);
      const received = await sink.waitFor((m) => m.headers['x-tenure-notification'] === 'manual-deletion-request');
      expect(received.to).toEqual(['it-operators@localhost']);
    } finally {
      operators.close();
    }
  });

  it('reports a recipient refused with 550 as a permanent MailDeliveryError that keeps the cause', async () => {
    const error = await notifier.send({ ...reminder, to: 'bounce@example.com' }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MailDeliveryError);
    const failure = error as MailDeliveryError;
    expect(failure.permanent).toBe(true);
    expect(failure.responseCode).toBe(550);
    expect(failure.code).toBe('EENVELOPE');
    expect(failure.message).toContain('reminder');
    expect(failure.message).toContain('E123');
    expect((failure.cause as Error & { responseCode?: number }).responseCode).toBe(550);
    expect(sink.messages()).toEqual([]);
  });

  it('reports a recipient deferred with 451 as a temporary MailDeliveryError', async () => {
    const error = await notifier.send({ ...reminder, to: 'later@example.com' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MailDeliveryError);
    expect(error).toMatchObject({ permanent: false, responseCode: 451 });
  });

  it('reports a refused connection as a temporary MailDeliveryError', async () => {
    const port = await freePort();
    const unreachable = createNotifier({ ...config, port });
    try {
      const error = await unreachable.send(reminder).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect(error).toMatchObject({ permanent: false, code: 'ESOCKET' });
      expect((error as Error).message).toContain('ECONNREFUSED');
    } finally {
      unreachable.close();
    }
  });

  it('reports a server that never greets as a temporary MailDeliveryError after the timeout', async () => {
    const silent = createServer(() => undefined);
    const port = await listen(silent);
    const stalled = createNotifier({ ...config, port, timeoutMs: 200 });
    try {
      const error = await stalled.send(reminder).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect(error).toMatchObject({ permanent: false, code: 'ETIMEDOUT' });
    } finally {
      stalled.close();
      silent.close();
    }
  });

  it('abandons a stalled send when the caller’s signal aborts', async () => {
    const silent = createServer(() => undefined);
    const port = await listen(silent);
    const stalled = createNotifier({ ...config, port, timeoutMs: 30_000 });
    try {
      const started = Date.now();
      const error = await stalled.send(reminder, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      expect(error).toMatchObject({ permanent: false, code: 'EABORT' });
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      stalled.close();
      silent.close();
    }
  });

  it('keeps the SMTP password out of the error even when the server echoes it', async () => {
    const password = 'pa55-w0rd-secret';
    const echoing = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      closeTimeout: 100,
      onAuth(auth, _session, callback) {
        callback(
          Object.assign(new Error(`Authentication failed for ${auth.username}:${auth.password}`), {
            responseCode: 535,
          }),
        );
      },
    });
    const port = await listen(echoing);
    const withCredentials = createNotifier({ ...config, port, auth: { user: 'tenure', pass: password } });
    try {
      const error = await withCredentials.send(reminder).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(MailDeliveryError);
      const failure = error as MailDeliveryError;
      expect(failure.permanent).toBe(true);
      expect(failure.responseCode).toBe(535);
      expect(failure.message).toContain('Authentication failed for tenure:<redacted>');
      const cause = failure.cause as Error & { response?: string };
      for (const text of [failure.message, failure.stack, cause.message, cause.response, cause.stack]) {
        expect(text ?? '').not.toContain(password);
      }
    } finally {
      withCredentials.close();
      await new Promise<void>((resolve) => echoing.close(() => resolve()));
    }
  });

  it('refuses invalid notification data before talking to the server', async () => {
    await expect(notifier.send({ ...reminder, to: 'not an address' })).rejects.toThrow(InvalidNotificationError);
    expect(sink.messages()).toEqual([]);
  });
});

function listen(server: Server | SMTPServer): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = (server instanceof SMTPServer ? server.server : server).address() as AddressInfo;
      resolve(address.port);
    });
  });
}

async function freePort(): Promise<number> {
  const probe = createServer();
  const port = await listen(probe);
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
