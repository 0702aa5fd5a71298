import { matches, type MessageFilter, type SinkMessage } from './message';

interface Waiter {
  predicate: (message: SinkMessage) => boolean;
  resolve: (message: SinkMessage) => void;
  reject: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/** The received messages, oldest first, bounded: past `maxMessages` the oldest is dropped. */
export class MessageStore {
  // A Map keeps insertion order, so the first key is always the oldest message.
  private readonly byId = new Map<string, SinkMessage>();
  private readonly waiters = new Set<Waiter>();

  constructor(private readonly maxMessages: number) {}

  add(message: SinkMessage): void {
    this.byId.set(message.id, message);
    while (this.byId.size > this.maxMessages) {
      const oldest = this.byId.keys().next();
      if (oldest.done === true) break;
      this.byId.delete(oldest.value);
    }
    for (const waiter of this.waiters) {
      let matched: boolean;
      try {
        matched = waiter.predicate(message);
      } catch (error) {
        this.settle(waiter, () => waiter.reject(error instanceof Error ? error : new Error(String(error))));
        continue;
      }
      if (matched) this.settle(waiter, () => waiter.resolve(message));
    }
  }

  list(filter: MessageFilter = {}): SinkMessage[] {
    return [...this.byId.values()].filter((message) => matches(message, filter));
  }

  get(id: string): SinkMessage | undefined {
    return this.byId.get(id);
  }

  clear(): void {
    this.byId.clear();
  }

  /** The first stored message that satisfies `predicate`, or the next one to arrive; rejects after `timeoutMs`. */
  waitFor(predicate: (message: SinkMessage) => boolean, timeoutMs: number): Promise<SinkMessage> {
    return new Promise((resolve, reject) => {
      const found = this.list().find(predicate);
      if (found !== undefined) return resolve(found);
      const waiter: Waiter = {
        predicate,
        resolve,
        reject,
        timer: setTimeout(() => {
          this.waiters.delete(waiter);
          reject(new Error(`no matching message arrived within ${timeoutMs} ms (${this.byId.size} stored)`));
        }, timeoutMs),
      };
      this.waiters.add(waiter);
    });
  }

  /** Rejects every pending waitFor, so that a closed sink leaves no timer or promise behind. */
  rejectWaiters(reason: Error): void {
    for (const waiter of this.waiters) this.settle(waiter, () => waiter.reject(reason));
  }

  private settle(waiter: Waiter, outcome: () => void): void {
    this.waiters.delete(waiter);
    clearTimeout(waiter.timer);
    outcome();
  }
}
