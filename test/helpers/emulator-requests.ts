import type { RequestLogEntry, RunningEmulator } from '../../emulator/server';

/** When a logged request arrived at the emulator, in epoch milliseconds. */
export const arrivalOf = (entry: RequestLogEntry): number => Date.parse(entry.at);

/**
 * The SCIM requests that arrived at or after `since` (epoch ms), in arrival order. By arrival, not
 * by log position: a request is logged when answered, so a slow one from an earlier test can be
 * logged late but still arrived before `since`.
 */
export function scimRequestsSince(emulator: RunningEmulator, since: number): RequestLogEntry[] {
  return emulator
    .requests()
    .filter((entry) => entry.kind === 'scim' && arrivalOf(entry) >= since)
    .sort((a, b) => arrivalOf(a) - arrivalOf(b) || a.seq - b.seq);
}

/** `METHOD status` of each request, for compact assertions on a sequence. */
export const outcomes = (entries: RequestLogEntry[]): string[] => entries.map((e) => `${e.method} ${e.status}`);
