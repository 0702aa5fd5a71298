import { z } from 'zod';
import { sinkMessageSchema, type SinkMessage } from '../smtp-sink/message';

const messagesSchema = z.array(sinkMessageSchema);

/** The SMTP sink's HTTP view, read for the e-mails Tenure sent about the demo's employees. */
export class MailSink {
  constructor(readonly url: string) {}

  /** The messages about one employee (`X-Tenure-Employee-Id`); undefined when the sink does not answer. */
  async about(employeeId: string): Promise<SinkMessage[] | undefined> {
    try {
      const response = await fetch(`${this.url}/messages?employeeId=${encodeURIComponent(employeeId)}`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (!response.ok) return undefined;
      return messagesSchema.parse(await response.json());
    } catch {
      // The table shows `–`: the sink is a window on the demo, not part of it.
      return undefined;
    }
  }
}

/** The kind of a message Tenure sent (`X-Tenure-Notification`): reminder, manager-escalation, … */
export function kindOf(message: SinkMessage): string {
  return message.headers['x-tenure-notification'] ?? 'other';
}

const KIND_NAMES: Record<string, [string, string]> = {
  reminder: ['reminder', 'reminders'],
  'manager-escalation': ['manager escalation', 'manager escalations'],
  'leave-notice': ['leave notice', 'leave notices'],
  'manual-deletion-request': ['manual-deletion request', 'manual-deletion requests'],
};

/** `9 reminders, 2 manager escalations, 1 leave notice`: messages counted by kind, in lifecycle order. */
export function countByKind(messages: readonly SinkMessage[]): string {
  const counts = new Map<string, number>();
  for (const message of messages) counts.set(kindOf(message), (counts.get(kindOf(message)) ?? 0) + 1);
  const order = Object.keys(KIND_NAMES);
  return [...counts]
    .sort(([a], [b]) => (order.indexOf(a) + 1 || 99) - (order.indexOf(b) + 1 || 99))
    .map(([kind, n]) => {
      const [one, many] = KIND_NAMES[kind] ?? [kind, kind];
      return `${n} ${n === 1 ? one : many}`;
    })
    .join(', ');
}
