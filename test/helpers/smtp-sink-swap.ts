import { startSmtpSink, type SmtpSinkOptions } from '../../smtp-sink/sink';
import type { RealStack } from './real-stack';

/**
 * Restarts the stack's SMTP sink on the same SMTP port with other answers (recipients to refuse
 * with 550 or defer with 451), and puts the new sink in `stack.sink`, which `stack.close()` closes.
 * The sink takes its answers at start only; the worker's notifier keeps its host and port and
 * simply reconnects. Messages the old sink received are not carried over.
 */
export async function reopenSmtpSink(
  stack: RealStack,
  options: Pick<SmtpSinkOptions, 'rejectRecipients' | 'deferRecipients'> = {},
): Promise<void> {
  const { smtpPort } = stack.sink;
  await stack.sink.close();
  stack.sink = await startSmtpSink({ smtpPort, httpPort: 0, ...options });
}

/** A pattern that matches exactly this address (case-insensitively, as mailbox domains are). */
export function exactAddress(address: string): RegExp {
  return new RegExp(`^${address.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'i');
}
