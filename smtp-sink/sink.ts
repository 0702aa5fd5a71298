import type { AddressInfo } from 'node:net';
import type { SMTPServer } from 'smtp-server';
import { buildSinkHttp } from './http';
import type { SinkMessage } from './message';
import { createReceiver, type RecipientRules, type Refusal } from './receiver';
import { MessageStore } from './store';

export type { MessageFilter, SinkMessage } from './message';
export type { RecipientRules, Refusal } from './receiver';

/** Where the sink listens and how it answers; ports 0 pick free ones. */
export interface SmtpSinkOptions {
  /** Defaults to 127.0.0.1. */
  host?: string;
  /** Defaults to 1025; 0 picks a free port. */
  smtpPort?: number;
  /** Defaults to 8025; 0 picks a free port. */
  httpPort?: number;
  /** Messages kept, oldest dropped first; defaults to 10,000. */
  maxMessages?: number;
  /** Recipients refused with 550 5.1.1 (permanent). */
  rejectRecipients?: RegExp;
  /** Recipients refused with 451 4.3.0 (temporary). */
  deferRecipients?: RegExp;
}

/** A started sink: its addresses, what it received, and how to stop it. */
export interface RunningSmtpSink {
  smtpPort: number;
  /** Base URL of the inspection API, without a trailing slash. */
  httpUrl: string;
  /** Every message kept, oldest first. */
  messages(): SinkMessage[];
  clear(): void;
  /** Every recipient refused by the rules, oldest first (attempts that left no message). */
  refusals(): Refusal[];
  /** Replaces the recipients refused from now on (550 / 451); `{}` accepts everyone again. */
  setRecipientRules(rules: RecipientRules): void;
  /** The first kept message that satisfies `predicate`, or the next to arrive; rejects after `timeoutMs` (5 s). */
  waitFor(predicate: (message: SinkMessage) => boolean, timeoutMs?: number): Promise<SinkMessage>;
  close(): Promise<void>;
}

/** Starts a local SMTP server that records every message, with an HTTP API to inspect them. */
export async function startSmtpSink(options: SmtpSinkOptions = {}): Promise<RunningSmtpSink> {
  const host = options.host ?? '127.0.0.1';
  const store = new MessageStore(options.maxMessages ?? 10_000);
  let rules: RecipientRules = {
    ...(options.rejectRecipients !== undefined ? { rejectRecipients: options.rejectRecipients } : {}),
    ...(options.deferRecipients !== undefined ? { deferRecipients: options.deferRecipients } : {}),
  };
  const refusals: Refusal[] = [];
  const smtp = createReceiver({
    onMessage: (message) => store.add(message),
    onRefusal: (refusal) => {
      refusals.push(refusal);
      if (refusals.length > 10_000) refusals.shift();
    },
    rules: () => rules,
  });
  const http = await buildSinkHttp(store);
  let smtpPort: number;
  try {
    smtpPort = await listen(smtp, host, options.smtpPort ?? 1025);
    await http.listen({ host, port: options.httpPort ?? 8025 });
  } catch (error) {
    await Promise.all([closeSmtp(smtp), http.close()]);
    throw error;
  }
  const httpPort = (http.server.address() as AddressInfo).port;

  return {
    smtpPort,
    httpUrl: `http://${host.includes(':') ? `[${host}]` : host}:${httpPort}`,
    messages: () => store.list(),
    clear: () => store.clear(),
    refusals: () => [...refusals],
    setRecipientRules: (next) => {
      rules = { ...next };
    },
    waitFor: (predicate, timeoutMs = 5_000) => store.waitFor(predicate, timeoutMs),
    async close() {
      store.rejectWaiters(new Error('the SMTP sink was closed'));
      await Promise.all([closeSmtp(smtp), http.close()]);
    },
  };
}

function listen(smtp: SMTPServer, host: string, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    smtp.once('error', onError);
    smtp.listen(port, host, () => {
      smtp.off('error', onError);
      resolve((smtp.server.address() as AddressInfo).port);
    });
  });
}

function closeSmtp(smtp: SMTPServer): Promise<void> {
  return new Promise((resolve) => smtp.close(() => resolve()));
}
