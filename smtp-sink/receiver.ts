import { randomUUID } from 'node:crypto';
import { simpleParser, type AddressObject, type HeaderValue, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import type { SinkMessage } from './message';

/** Which recipients the sink refuses; read at every RCPT TO, so it can change while the sink runs. */
export interface RecipientRules {
  /** Recipients refused with `550 5.1.1` (a permanent failure), e.g. to test bounces. */
  rejectRecipients?: RegExp;
  /** Recipients refused with `451 4.3.0` (a temporary failure), e.g. to test retries. */
  deferRecipients?: RegExp;
}

/** A recipient the sink refused, for tests that count delivery attempts. */
export interface Refusal {
  address: string;
  code: 550 | 451;
  at: string;
}

/** How the sink's SMTP side answers. */
export interface ReceiverOptions {
  /** Called with every accepted message. */
  onMessage: (message: SinkMessage) => void;
  /** Called with every recipient refused by the rules. */
  onRefusal?: (refusal: Refusal) => void;
  /** The current recipient rules. */
  rules: () => RecipientRules;
  /** Largest message accepted, in bytes. */
  maxMessageBytes?: number;
}

/** An SMTP server that accepts any sender, any credentials and (unless told otherwise) any recipient. */
export function createReceiver(options: ReceiverOptions): SMTPServer {
  const server = new SMTPServer({
    // Plain text only: no STARTTLS offered, so clients never try TLS with a throw-away certificate.
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    disableReverseLookup: true,
    size: options.maxMessageBytes ?? 25 * 1024 * 1024,
    rejectOversized: true,
    logger: false,
    // Idle pooled client connections should not hold a closing sink for the default 30 s.
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onRcptTo(address, _session, callback) {
      const { rejectRecipients, deferRecipients } = options.rules();
      const reject = rejectRecipients && stateless(rejectRecipients);
      const defer = deferRecipients && stateless(deferRecipients);
      const refuse = (code: 550 | 451) =>
        options.onRefusal?.({ address: address.address, code, at: new Date().toISOString() });
      if (reject?.test(address.address)) {
        refuse(550);
        return callback(smtpError(550, '5.1.1 Recipient address rejected'));
      }
      if (defer?.test(address.address)) {
        refuse(451);
        return callback(smtpError(451, '4.3.0 Temporary failure, try again later'));
      }
      callback();
    },
    onData(stream, session, callback) {
      receive(stream, session).then(
        (message) => {
          options.onMessage(message);
          callback(null, `Queued as ${message.id}`);
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    },
  });
  // Connection errors (a client resetting, an idle timeout) end that one connection only; without
  // a listener the EventEmitter would throw them and stop the whole sink.
  server.on('error', () => undefined);
  return server;
}

async function receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<SinkMessage> {
  const parsed = await simpleParser(stream);
  if (stream.sizeExceeded) throw smtpError(552, '5.3.4 Message too big');
  return {
    id: randomUUID(),
    ...(parsed.messageId !== undefined ? { messageId: parsed.messageId } : {}),
    from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
    to: session.envelope.rcptTo.map((recipient) => recipient.address),
    subject: parsed.subject ?? '',
    ...(parsed.text !== undefined ? { text: parsed.text } : {}),
    ...(typeof parsed.html === 'string' ? { html: parsed.html } : {}),
    headers: headerRecord(parsed),
    receivedAt: new Date().toISOString(),
  };
}

// mailparser decodes simple headers to strings and address headers to objects with a decoded
// `text`, and structures the rest (dates, Content-Type): take the decoded form where there is one,
// the unfolded raw value otherwise.
function headerRecord(parsed: ParsedMail): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const { key, line } of parsed.headerLines) {
    const value =
      decoded(parsed.headers.get(key)) ??
      line
        .slice(line.indexOf(':') + 1)
        .replace(/\r?\n[ \t]+/g, ' ')
        .trim();
    headers[key] = headers[key] === undefined ? value : `${headers[key]}, ${value}`;
  }
  return headers;
}

function decoded(value: HeaderValue | undefined): string | undefined {
  if (typeof value === 'string') return value;
  if (isAddressObject(value)) return value.text;
  return undefined;
}

function isAddressObject(value: HeaderValue | undefined): value is AddressObject {
  return typeof value === 'object' && !Array.isArray(value) && 'value' in value && 'text' in value;
}

function smtpError(responseCode: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode });
}

// A RegExp with the g or y flag remembers where it last matched; the sink tests each address afresh.
function stateless(pattern: RegExp): RegExp {
  return new RegExp(pattern.source, pattern.flags.replace(/[gy]/g, ''));
}
