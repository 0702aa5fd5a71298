import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { calendarDateSchema, instantSchema } from '../workflows/contract';
import { ApiUnreachableError } from '../imports/api-port';
import type { SnapshotLeave } from '../imports/diff';
import { httpPort } from '../imports/http-port';
import { MappingError, parseMapping } from '../imports/mapping';
import { silentProgress } from '../imports/progress';
import { runImport } from '../imports/run-import';
import { formatOfName, type ImportFormat } from '../imports/table';
import { diffText } from './diff-text';
import { progressBar } from './progress-bar';

export const USAGE = `Usage: npx tenure import <file> [options]

Imports an HR export (CSV or JSON lines) through the Tenure API: diffs it against Tenure, then
applies the changes (joiners, movers, leaves, rehires) with the same requests an HR system sends.

Options:
  --mapping <file>       column mapping (JSON); without it the headers are Tenure's field names
  --format csv|jsonl     the file's format (default: from its extension, .jsonl/.ndjson or CSV)
  --snapshot             the file is the whole active population: who is missing becomes a leaver
  --leave-date <date>    snapshot leaves at the end of this date (default: today, UTC)
  --leave-at <instant>   snapshot leaves at this instant instead
  --dry-run              show the diff and each row's planned timeline; change nothing
  --skip-invalid         apply the valid rows even when some are invalid or conflicting
  --api-url <url>        the API (default: $TENURE_API_URL or http://localhost:3000)
  --token <token>        an hr token (default: $TENURE_API_TOKEN)
  --concurrency <n>      requests in flight at once (default 8)
  --json                 one JSON line per row and a summary line, also on a terminal

Exit code: 0 all done; 1 a row was invalid, conflicting, refused or failed, or the file is
malformed (nothing is applied then, unless --skip-invalid); 2 a usage error or the API unreachable.`;

/** Where the command writes and reads its environment (a test passes its own). */
export interface CommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  /** true once the user asked to stop (Ctrl-C) */
  interrupted?: () => boolean;
}

class UsageError extends Error {}

interface Parsed {
  file: string;
  format: ImportFormat;
  mappingFile?: string;
  snapshot: boolean;
  snapshotLeave?: SnapshotLeave;
  dryRun: boolean;
  skipInvalid: boolean;
  apiUrl: string;
  token: string;
  concurrency: number;
  json: boolean;
}

function parse(args: string[], env: NodeJS.ProcessEnv): Parsed {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      mapping: { type: 'string' },
      format: { type: 'string' },
      snapshot: { type: 'boolean', default: false },
      'leave-date': { type: 'string' },
      'leave-at': { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'skip-invalid': { type: 'boolean', default: false },
      'api-url': { type: 'string' },
      token: { type: 'string' },
      concurrency: { type: 'string', default: '8' },
      json: { type: 'boolean', default: false },
    },
  });
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new UsageError('give exactly one file to import');
  const format = values.format ?? formatOfName(file);
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError('--format is csv or jsonl');
  const token = values.token ?? env.TENURE_API_TOKEN;
  if (!token) throw new UsageError('give an hr token: --token or TENURE_API_TOKEN');
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 64) {
    throw new UsageError('--concurrency is a whole number from 1 to 64');
  }
  let snapshotLeave: SnapshotLeave | undefined;
  if (values['leave-date'] !== undefined && values['leave-at'] !== undefined) {
    throw new UsageError('give --leave-date or --leave-at, not both');
  }
  if (values['leave-date'] !== undefined) {
    if (!calendarDateSchema.safeParse(values['leave-date']).success) throw new UsageError('--leave-date is YYYY-MM-DD');
    snapshotLeave = { leaveDate: values['leave-date'] };
  }
  if (values['leave-at'] !== undefined) {
    if (!instantSchema.safeParse(values['leave-at']).success) {
      throw new UsageError('--leave-at is an ISO-8601 instant such as 2026-12-01T17:00:00Z');
    }
    snapshotLeave = { leaveAt: values['leave-at'] };
  }
  if (snapshotLeave && !values.snapshot) throw new UsageError('--leave-date and --leave-at go with --snapshot');
  return {
    file,
    format,
    ...(values.mapping ? { mappingFile: values.mapping } : {}),
    snapshot: values.snapshot,
    ...(snapshotLeave ? { snapshotLeave } : {}),
    dryRun: values['dry-run'],
    skipInvalid: values['skip-invalid'],
    apiUrl: values['api-url'] ?? env.TENURE_API_URL ?? 'http://localhost:3000',
    token,
    concurrency,
    json: values.json,
  };
}

const line = (stream: NodeJS.WritableStream, value: unknown) => stream.write(`${JSON.stringify(value)}\n`);

/** `tenure import`: runs an import and answers the exit code. */
export async function importCommand(args: string[], io: CommandIo): Promise<number> {
  let options: Parsed;
  let content: string;
  let mapping;
  try {
    options = parse(args, io.env);
    content = await readFile(options.file, 'utf8').catch(() => {
      throw new UsageError(`cannot read ${options.file}`);
    });
    if (options.mappingFile) {
      const text = await readFile(options.mappingFile, 'utf8').catch(() => {
        throw new UsageError(`cannot read the mapping file ${options.mappingFile}`);
      });
      mapping = parseMapping(text);
    }
  } catch (error) {
    if (
      error instanceof UsageError ||
      error instanceof MappingError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      io.stderr.write(`tenure import: ${(error as Error).message}\n\n${USAGE}\n`);
      return 2;
    }
    throw error;
  }
  const terminal = Boolean(io.stdout.isTTY) && !options.json;
  try {
    const report = await runImport(httpPort({ baseUrl: options.apiUrl, token: options.token }), content, {
      format: options.format,
      ...(mapping ? { mapping } : {}),
      mode: options.snapshot ? 'snapshot' : 'delta',
      dryRun: options.dryRun,
      skipInvalid: options.skipInvalid,
      ...(options.snapshotLeave ? { snapshotLeave: options.snapshotLeave } : {}),
      concurrency: options.concurrency,
      progress: terminal ? progressBar(io.stderr) : silentProgress,
      ...(terminal ? {} : { onRow: (row) => line(io.stdout, row) }),
      ...(io.interrupted ? { shouldStop: io.interrupted } : {}),
    });
    if (terminal) io.stdout.write(`${diffText(report)}\n`);
    else {
      for (const problem of report.fileProblems) line(io.stdout, { fileProblem: problem });
      line(io.stdout, { summary: report.summary });
    }
    return report.summary.ok ? 0 : 1;
  } catch (error) {
    if (error instanceof ApiUnreachableError) {
      io.stderr.write(`tenure import: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}
