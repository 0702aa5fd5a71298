/**
 * The log of every request the emulator served (SCIM calls and claim links; the `/_emulator/`
 * inspection calls are the observer and are not logged), and per-second statistics over it.
 */
import type { FaultKind } from './faults';

/** One served request. */
export interface RequestLogEntry {
  /** position in the log, from 1; a cursor for `?since=` */
  seq: number;
  method: string;
  /** the URL path, without the query string */
  path: string;
  /** the raw query string, when there was one */
  query?: string;
  status: number;
  /** arrival time, ISO instant */
  at: string;
  durationMs: number;
  kind: 'scim' | 'claim';
  /** the fault that decided the outcome (latency only when nothing else applied) */
  faultApplied?: FaultKind;
  /** the injected latency, when there was some */
  delayedMs?: number;
}

/** Request counts over the SCIM requests of the log. */
export interface RequestStats {
  totalRequests: number;
  byStatus: Record<string, number>;
  byFault: Record<string, number>;
  /** requests per calendar second (by arrival), oldest first; seconds with none are left out */
  perSecond: { second: string; count: number }[];
  /** the highest count of any one calendar second */
  peakPerCalendarSecond: number;
  /** the highest number of requests that arrived within any sliding one-second window */
  peakInAnyOneSecondWindow: number;
  firstAt?: string;
  lastAt?: string;
}

/** A bounded in-memory request log. */
export class RequestLog {
  private log: RequestLogEntry[] = [];
  private seq = 0;

  constructor(private readonly maxEntries = 200_000) {}

  /** Appends an entry and returns it with its sequence number. */
  record(entry: Omit<RequestLogEntry, 'seq'>): RequestLogEntry {
    const full = { seq: ++this.seq, ...entry };
    this.log.push(full);
    // Oldest entries go first, in chunks, so a long benchmark cannot exhaust memory.
    if (this.log.length > this.maxEntries)
      this.log = this.log.slice(this.log.length - Math.floor(this.maxEntries * 0.9));
    return full;
  }

  /**
   * Entries after `since`: a sequence number (a cursor: the last `seq` the caller saw) or an ISO
   * instant (entries that arrived at or after it).
   */
  entries(since?: number | Date): RequestLogEntry[] {
    if (since === undefined) return [...this.log];
    if (typeof since === 'number') return this.log.filter((e) => e.seq > since);
    const ms = since.getTime();
    return this.log.filter((e) => Date.parse(e.at) >= ms);
  }

  /** The sequence number of the last entry (0 when none was ever recorded). */
  lastSeq(): number {
    return this.seq;
  }

  /** Empties the log; sequence numbers keep counting, so cursors held by clients stay valid. */
  clear(): void {
    this.log = [];
  }

  /** Counts over the SCIM requests after `since` (see {@link entries}). */
  stats(since?: number | Date): RequestStats {
    const scim = this.entries(since).filter((e) => e.kind === 'scim');
    const byStatus: Record<string, number> = {};
    const byFault: Record<string, number> = {};
    const perSecond = new Map<number, number>();
    const arrivals: number[] = [];
    for (const entry of scim) {
      byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
      if (entry.faultApplied) byFault[entry.faultApplied] = (byFault[entry.faultApplied] ?? 0) + 1;
      const ms = Date.parse(entry.at);
      arrivals.push(ms);
      const second = Math.floor(ms / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
    }
    arrivals.sort((a, b) => a - b);
    let peakWindow = 0;
    for (let first = 0, last = 0; last < arrivals.length; last++) {
      while (arrivals[last]! - arrivals[first]! >= 1000) first++;
      peakWindow = Math.max(peakWindow, last - first + 1);
    }
    const seconds = [...perSecond.entries()].sort(([a], [b]) => a - b);
    return {
      totalRequests: scim.length,
      byStatus,
      byFault,
      perSecond: seconds.map(([second, count]) => ({ second: new Date(second * 1000).toISOString(), count })),
      peakPerCalendarSecond: seconds.reduce((peak, [, count]) => Math.max(peak, count), 0),
      peakInAnyOneSecondWindow: peakWindow,
      ...(arrivals.length > 0
        ? {
            firstAt: new Date(arrivals[0]!).toISOString(),
            lastAt: new Date(arrivals[arrivals.length - 1]!).toISOString(),
          }
        : {}),
    };
  }
}
