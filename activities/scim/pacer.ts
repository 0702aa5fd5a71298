/**
 * Request pacing: never more than `maxPerSecond` requests reach the directory in any one second
 * from this process, evenly spread.
 *
 * Temporal's task-queue rate limit caps the requests of every worker of the queue together, but its
 * dispatcher is a token bucket whose burst equals the rate: after a quiet spell, the first second of
 * a burst can dispatch up to twice the limit. The pacer takes that burst off, two ways:
 *  - spacing: requests leave at least `1000 / maxPerSecond` ms apart;
 *  - a window: each request holds one of `maxPerSecond` permits from the moment it leaves until one
 *    second after its response (or failure). A request reaches the directory after it leaves and
 *    before its response, so any `maxPerSecond + 1` arrivals within one second would have needed
 *    that many permits at once: the bound holds whatever the network's delays, including the
 *    first request's connection set-up, which spacing alone cannot absorb.
 * The window costs throughput in proportion to latency: `maxPerSecond / (1 s + latency)`.
 *
 * Requests waiting for a permit go in order of their priority key (lower first, as Temporal's task
 * queue orders them; arrival order within a key): a worker holds many dispatched activities while
 * it paces them, and an urgent deactivation must not wait behind the ones it already holds.
 */

/**
 * A request that would have had to wait for its turn, refused instead (`run` with `wait: false`):
 * nothing was sent.
 */
export class PacerBusyError extends Error {
  override name = 'PacerBusyError';
}

/** Temporal's default priority key, for requests that name none. */
export const DEFAULT_PRIORITY_KEY = 3;

export interface PacerClock {
  now(): number;
  /** resolves after `ms`, or rejects with the signal's reason when it aborts first */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /** runs `fn` after `ms`; must not keep the process alive */
  later(ms: number, fn: () => void): void;
}

/** The signal's reason as an Error (AbortController.abort() gives a DOMException, abort(x) gives x). */
function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new Error('cancelled', { cause: reason });
}

const realClock: PacerClock = {
  now: () => performance.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(abortError(signal));
      const abort = () => {
        clearTimeout(timer);
        reject(abortError(signal!));
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', abort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', abort, { once: true });
    }),
  later: (ms, fn) => void setTimeout(fn, ms).unref(),
};

interface Waiter {
  priorityKey: number;
  grant(): void;
}

export class RequestPacer {
  readonly maxPerSecond: number;
  readonly intervalMs: number;
  readonly #clock: PacerClock;
  #permits: number;
  readonly #waiters: Waiter[] = [];
  #nextSlot = -Infinity;

  constructor(maxPerSecond: number, options: { clock?: PacerClock } = {}) {
    if (!(Number.isFinite(maxPerSecond) && maxPerSecond > 0))
      throw new TypeError(`requests per second must be a positive number, not ${maxPerSecond}`);
    this.maxPerSecond = maxPerSecond;
    this.intervalMs = 1000 / maxPerSecond;
    // Below one per second, spacing alone keeps any second to one request.
    this.#permits = Math.max(1, Math.floor(maxPerSecond));
    this.#clock = options.clock ?? realClock;
  }

  /**
   * Sends `request` when its turn comes (ahead of waiting requests with a higher priority key);
   * rejects with the signal's reason if cancelled while waiting. With `wait: false` it only takes a
   * free turn: when a permit is not free at once (or others wait for one) it rejects with a
   * PacerBusyError and sends nothing — a request tried inside a workflow task must not wait in it,
   * nor pass requests already waiting.
   */
  async run<T>(
    request: () => Promise<T>,
    signal?: AbortSignal,
    priorityKey = DEFAULT_PRIORITY_KEY,
    { wait = true }: { wait?: boolean } = {},
  ): Promise<T> {
    if (!wait && signal?.aborted) throw abortError(signal);
    if (!wait && !this.#freePermit()) throw new PacerBusyError('no free turn within the rate limit');
    if (wait) await this.#permit(signal, priorityKey);
    try {
      const now = this.#clock.now();
      const at = Math.max(now, this.#nextSlot);
      this.#nextSlot = at + this.intervalMs;
      if (at > now) await this.#clock.sleep(at - now, signal);
    } catch (error) {
      this.#release();
      throw error;
    }
    try {
      return await request();
    } finally {
      this.#clock.later(1000, () => this.#release());
    }
  }

  /**
   * Takes a permit if a turn is free now: a permit (one given back goes to a waiting request first,
   * so none waits then) and the spacing since the last request already kept.
   */
  #freePermit(): boolean {
    if (this.#permits <= 0 || this.#nextSlot > this.#clock.now()) return false;
    this.#permits--;
    return true;
  }

  #permit(signal: AbortSignal | undefined, priorityKey: number): Promise<void> {
    if (signal?.aborted) return Promise.reject(abortError(signal));
    if (this.#permits > 0 && this.#waiters.length === 0) {
      this.#permits--;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const abort = () => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        reject(abortError(signal!));
      };
      const waiter: Waiter = {
        priorityKey,
        grant: () => {
          signal?.removeEventListener('abort', abort);
          resolve();
        },
      };
      signal?.addEventListener('abort', abort, { once: true });
      const after = this.#waiters.findIndex((w) => w.priorityKey > priorityKey);
      this.#waiters.splice(after < 0 ? this.#waiters.length : after, 0, waiter);
    });
  }

  #release(): void {
    const next = this.#waiters.shift();
    if (next) next.grant();
    else this.#permits++;
  }
}
