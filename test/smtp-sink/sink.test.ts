import { connect } from 'node:net';
import nodemailer from 'nodemailer';
import { startSmtpSink, type RunningSmtpSink, type SinkMessage } from '../../smtp-sink/sink';

let sink: RunningSmtpSink;

beforeAll(async () => {
  sink = await startSmtpSink({ smtpPort: 0, httpPort: 0, rejectRecipients: /^bounce@/ });
});

afterAll(async () => {
  await sink.close();
});

beforeEach(() => sink.clear());

interface Mail {
  to: string;
  subject: string;
  employeeId?: string;
  kind?: string;
  text?: string;
  html?: string;
  bcc?: string;
}

/** Sends one message over a fresh, unpooled SMTP connection, the way any client would. */
async function send(mail: Mail, port = sink.smtpPort): Promise<string> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false });
  try {
    const info = await transport.sendMail({
      from: 'Tenure <tenure@localhost>',
      to: mail.to,
      ...(mail.bcc !== undefined ? { bcc: mail.bcc } : {}),
      subject: mail.subject,
      text: mail.text ?? `Body of ${mail.subject}`,
      ...(mail.html !== undefined ? { html: mail.html } : {}),
      headers: {
        ...(mail.employeeId !== undefined ? { 'X-Tenure-Employee-Id': mail.employeeId } : {}),
        ...(mail.kind !== undefined ? { 'X-Tenure-Notification': mail.kind } : {}),
      },
    });
    return info.messageId;
  } finally {
    transport.close();
  }
}

async function getJson<T>(path: string): Promise<{ status: number; body: T }> {
  const response = await fetch(`${sink.httpUrl}${path}`);
  return { status: response.status, body: (await response.json()) as T };
}

describe('startSmtpSink', () => {
  it('records each message with envelope, subject, bodies and decoded headers, oldest first', async () => {
    const first = await send({ to: 'ada@example.com', subject: 'First', html: '<p>First</p>', employeeId: 'E1' });
    const second = await send({ to: 'grace@example.com', subject: 'Deuxième élément', bcc: 'audit@example.com' });

    const { status, body } = await getJson<SinkMessage[]>('/messages');
    expect(status).toBe(200);
    expect(body.map((m) => m.messageId)).toEqual([first, second]);
    expect(body[0]).toMatchObject({
      from: 'tenure@localhost',
      to: ['ada@example.com'],
      subject: 'First',
      text: 'Body of First',
      html: '<p>First</p>',
    });
    expect(body[0]!.headers['x-tenure-employee-id']).toBe('E1');
    expect(body[0]!.headers.from).toBe('"Tenure" <tenure@localhost>');
    expect(Date.parse(body[0]!.receivedAt)).not.toBeNaN();
    // The envelope holds every recipient, Bcc included; the subject arrives decoded.
    expect(body[1]).toMatchObject({ to: ['grace@example.com', 'audit@example.com'], subject: 'Deuxième élément' });
    expect(body[1]!.html).toBeUndefined();
  });

  it('filters messages by recipient, employee id header and notification kind', async () => {
    await send({ to: 'ada@example.com', subject: 'a', employeeId: 'E1', kind: 'reminder' });
    await send({ to: 'grace@example.com', subject: 'b', employeeId: 'E1', kind: 'manager-escalation' });
    await send({ to: 'ada@example.com', subject: 'c', employeeId: 'E2', kind: 'reminder' });

    const subjects = async (query: string) =>
      (await getJson<SinkMessage[]>(`/messages${query}`)).body.map((m) => m.subject);
    expect(await subjects('?to=ADA@example.com')).toEqual(['a', 'c']);
    expect(await subjects('?employeeId=E1')).toEqual(['a', 'b']);
    expect(await subjects('?kind=reminder')).toEqual(['a', 'c']);
    expect(await subjects('?employeeId=E1&kind=reminder')).toEqual(['a']);
    expect(await subjects('?employeeId=E3')).toEqual([]);
  });

  it('returns one message by id, and 404 for an unknown id', async () => {
    const messageId = await send({ to: 'ada@example.com', subject: 'Only one' });
    const [stored] = sink.messages();

    const found = await getJson<SinkMessage>(`/messages/${stored!.id}`);
    expect(found.status).toBe(200);
    expect(found.body).toMatchObject({ id: stored!.id, messageId, subject: 'Only one' });

    const missing = await getJson<{ error: string }>('/messages/no-such-id');
    expect(missing.status).toBe(404);
    expect(missing.body.error).toBe('no such message');
  });

  it('serves the text body as plain text and the HTML body sandboxed', async () => {
    await send({ to: 'ada@example.com', subject: 'Bodies', text: 'Plain words', html: '<p>Rich <b>words</b></p>' });
    const [stored] = sink.messages();

    const text = await fetch(`${sink.httpUrl}/messages/${stored!.id}/text`);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe('Plain words');

    const html = await fetch(`${sink.httpUrl}/messages/${stored!.id}/html`);
    expect(html.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(html.headers.get('content-security-policy')).toBe('sandbox');
    expect(await html.text()).toBe('<p>Rich <b>words</b></p>');
  });

  it('answers 404 for the HTML of a message that has none', async () => {
    await send({ to: 'ada@example.com', subject: 'Text only' });
    const [stored] = sink.messages();
    expect((await fetch(`${sink.httpUrl}/messages/${stored!.id}/html`)).status).toBe(404);
  });

  it('forgets every message on DELETE /messages', async () => {
    await send({ to: 'ada@example.com', subject: 'To forget' });
    const response = await fetch(`${sink.httpUrl}/messages`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect((await getJson<SinkMessage[]>('/messages')).body).toEqual([]);
    expect(sink.messages()).toEqual([]);
  });

  it('lists messages for people on an HTML index page, newest first and escaped', async () => {
    await send({ to: 'ada@example.com', subject: 'Older', kind: 'reminder', employeeId: 'E1' });
    await send({ to: 'grace@example.com', subject: '<script>alert(1)</script>', html: '<p>x</p>' });
    const [older, newer] = sink.messages();

    const response = await fetch(`${sink.httpUrl}/`);
    const page = await response.text();
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page).toContain('2 messages received');
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(page.indexOf('grace@example.com')).toBeLessThan(page.indexOf('ada@example.com'));
    expect(page).toContain(`href="messages/${newer!.id}/html"`);
    expect(page).toContain(`href="messages/${older!.id}/text"`);
    expect(page).not.toContain(`href="messages/${older!.id}/html"`);
    expect(page).toContain(older!.receivedAt);
    expect(page).toContain('<td>reminder</td><td>E1</td>');
  });

  it('answers the health check', async () => {
    expect(await getJson('/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('waitFor resolves with a message that arrives after the call', async () => {
    const waiting = sink.waitFor((m) => m.subject === 'Awaited', 5_000);
    await send({ to: 'ada@example.com', subject: 'Not this one' });
    await send({ to: 'ada@example.com', subject: 'Awaited' });
    await expect(waiting).resolves.toMatchObject({ subject: 'Awaited' });
  });

  it('waitFor rejects when no matching message arrives within its timeout', async () => {
    await send({ to: 'ada@example.com', subject: 'Unrelated' });
    const started = Date.now();
    await expect(sink.waitFor((m) => m.subject === 'Never sent', 200)).rejects.toThrow(
      'no matching message arrived within 200 ms (1 stored)',
    );
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
  });

  it('refuses the configured recipients with 550 and records nothing', async () => {
    await expect(send({ to: 'bounce@example.com', subject: 'Bounced' })).rejects.toMatchObject({
      responseCode: 550,
    });
    expect(sink.messages()).toEqual([]);
  });

  it('accepts any credentials and offers no STARTTLS, so clients send in plain text', async () => {
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: sink.smtpPort,
      secure: false,
      auth: { user: 'anyone', pass: 'anything' },
    });
    try {
      await transport.sendMail({ from: 'a@localhost', to: 'b@localhost', subject: 'Authenticated', text: 'x' });
    } finally {
      transport.close();
    }
    expect(sink.messages().map((m) => m.subject)).toEqual(['Authenticated']);
    expect(await ehloCapabilities(sink.smtpPort)).not.toContain('STARTTLS');
  });

  it('keeps only the newest maxMessages messages', async () => {
    const small = await startSmtpSink({ smtpPort: 0, httpPort: 0, maxMessages: 2 });
    try {
      for (const subject of ['one', 'two', 'three']) await send({ to: 'ada@example.com', subject }, small.smtpPort);
      expect(small.messages().map((m) => m.subject)).toEqual(['two', 'three']);
    } finally {
      await small.close();
    }
  });

  it('changes the refused recipients while it runs: defer, then accept again', async () => {
    try {
      sink.setRecipientRules({ deferRecipients: /^later@/ });
      await expect(send({ to: 'later@example.com', subject: 'Deferred' })).rejects.toMatchObject({ responseCode: 451 });
      sink.setRecipientRules({});
      await send({ to: 'later@example.com', subject: 'Delivered' });
      await send({ to: 'bounce@example.com', subject: 'No longer bounced' });
      expect(sink.messages().map((m) => m.subject)).toEqual(['Delivered', 'No longer bounced']);
      expect(sink.refusals().filter((r) => r.address === 'later@example.com')).toEqual([
        { address: 'later@example.com', code: 451, at: expect.any(String) },
      ]);
    } finally {
      sink.setRecipientRules({ rejectRecipients: /^bounce@/ });
    }
  });

  it('rejects a pending waitFor when the sink closes', async () => {
    const closing = await startSmtpSink({ smtpPort: 0, httpPort: 0 });
    const waiting = closing.waitFor(() => true, 5_000);
    await closing.close();
    await expect(waiting).rejects.toThrow('the SMTP sink was closed');
  });
});

/** The EHLO reply's capability lines, read over a raw socket. */
function ehloCapabilities(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let received = '';
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (/^220 /m.test(received) && !received.includes('EHLO sent')) {
        received += '\nEHLO sent\n';
        socket.write('EHLO test.local\r\n');
      } else if (/^250 /m.test(received)) {
        socket.end('QUIT\r\n');
        resolve(received);
      }
    });
  });
}
