import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import type { TenureStore } from '../../store';

/**
 * Looks for personal data (names, e-mail addresses) everywhere Tenure keeps something, read raw:
 * Temporal's history and visibility through the gRPC API without any codec, every table of the
 * Tenure store, and log files or folders. For the "nothing readable after deletion" proof.
 */

export interface PiiScanTargets {
  /** Temporal, read raw: every run of every workflow the query finds (all, without one) */
  temporal?: { client: Pick<Client, 'workflowService'>; namespace?: string; query?: string };
  /** every row of every table */
  store?: TenureStore;
  /** files, and folders read recursively (logs, the emulator's file, a SQLite file) */
  paths?: string[];
}

/** One place a needle was found. */
export interface PiiFinding {
  needle: string;
  where: string;
}

const { HistoryEvent } = temporal.api.history.v1;
const { WorkflowExecutionInfo } = temporal.api.workflow.v1;
const { DescribeWorkflowExecutionResponse } = temporal.api.workflowservice.v1;

// ASCII case folding on bytes, alike for haystack and needle: an e-mail may be kept lower-cased.
const folded = (bytes: Buffer) => Buffer.from(bytes.toString('latin1').toLowerCase(), 'latin1');

/** Finds the needles, whatever their case, in a haystack of bytes. */
function matcher(needles: readonly string[]): (haystack: Buffer, where: string, out: PiiFinding[]) => void {
  const forms = needles.map((needle) => ({ needle, bytes: folded(Buffer.from(needle, 'utf8')) }));
  return (haystack, where, out) => {
    const hay = folded(haystack);
    for (const { needle, bytes } of forms) if (hay.includes(bytes)) out.push({ needle, where });
  };
}

/** Scans the targets for the needles; answers every place one was found (none: clean). */
export async function scanForPii(needles: readonly string[], targets: PiiScanTargets): Promise<PiiFinding[]> {
  if (needles.some((needle) => needle.length < 3)) throw new Error('needles must be at least 3 characters');
  const found: PiiFinding[] = [];
  const look = matcher(needles);
  if (targets.temporal) await scanTemporal(targets.temporal, look, found);
  if (targets.store) await scanStore(targets.store, look, found);
  for (const path of targets.paths ?? []) await scanPath(path, look, found);
  return found;
}

type Look = ReturnType<typeof matcher>;

async function scanTemporal(
  { client, namespace = 'default', query = '' }: NonNullable<PiiScanTargets['temporal']>,
  look: Look,
  found: PiiFinding[],
): Promise<void> {
  const service = client.workflowService;
  let nextPageToken: Uint8Array | undefined;
  do {
    const page = await service.listWorkflowExecutions({ namespace, query, pageSize: 100, nextPageToken });
    for (const execution of page.executions ?? []) {
      const workflowId = execution.execution?.workflowId ?? '';
      const runId = execution.execution?.runId ?? '';
      const run = `${workflowId} run ${runId}`;
      look(Buffer.from(WorkflowExecutionInfo.encode(execution).finish()), `visibility ${run}`, found);
      const described = await service.describeWorkflowExecution({ namespace, execution: { workflowId, runId } });
      look(Buffer.from(DescribeWorkflowExecutionResponse.encode(described).finish()), `description ${run}`, found);
      let historyToken: Uint8Array | undefined;
      do {
        const history = await service.getWorkflowExecutionHistory({
          namespace,
          execution: { workflowId, runId },
          nextPageToken: historyToken,
        });
        for (const event of history.history?.events ?? []) {
          const type = temporal.api.enums.v1.EventType[event.eventType ?? 0] ?? String(event.eventType);
          look(
            Buffer.from(HistoryEvent.encode(event).finish()),
            `history ${run} event ${String(event.eventId)} ${type}`,
            found,
          );
        }
        historyToken = history.nextPageToken?.length ? history.nextPageToken : undefined;
      } while (historyToken);
    }
    nextPageToken = page.nextPageToken?.length ? page.nextPageToken : undefined;
  } while (nextPageToken);
}

async function scanStore(store: TenureStore, look: Look, found: PiiFinding[]): Promise<void> {
  const tables =
    store.dialect === 'sqlite'
      ? await store.sql.all<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table'")
      : await store.sql.all<{ name: string }>(
          "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'",
        );
  for (const { name } of tables) {
    if (!/^[a-z_][a-z0-9_]*$/.test(name)) continue;
    const rows = await store.sql.all<Record<string, unknown>>(`SELECT * FROM ${name}`);
    rows.forEach((row, index) => {
      const bytes = Buffer.concat(
        Object.values(row).map((value) => (Buffer.isBuffer(value) ? value : Buffer.from(String(value), 'utf8'))),
      );
      look(bytes, `store ${name} row ${index + 1}`, found);
    });
  }
}

async function scanPath(path: string, look: Look, found: PiiFinding[]): Promise<void> {
  const info = await stat(path);
  if (info.isDirectory()) {
    for (const entry of await readdir(path)) await scanPath(join(path, entry), look, found);
  } else if (info.isFile()) {
    look(await readFile(path), `file ${path}`, found);
  }
}
