import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { importCommand } from '../../cli/import-command';
import type { RowReport } from '../../imports/row-report';
import type { ImportSummary } from '../../imports/summary';
import { TOKENS } from '../api/support';

export const ROOT = join(__dirname, '..', '..');

/** A shipped example file's path (examples/…). */
export const example = (path: string) => join(ROOT, 'examples', path);

/** A shipped example file's text. */
export const exampleText = (path: string) => readFileSync(example(path), 'utf8');

const dir = mkdtempSync(join(tmpdir(), 'tenure-import-'));
let files = 0;

/** Writes a file for one import into the test's temp directory and answers its path. */
export function fileWith(content: string, name = 'employees.csv'): string {
  const path = join(dir, `${++files}-${name}`);
  writeFileSync(path, content);
  return path;
}

/** What a CLI run printed and answered (the output piped: one JSON line per row, then the summary). */
export interface CliRun {
  code: number;
  rows: RowReport[];
  summary: ImportSummary;
  fileProblems: { line: number; message: string }[];
  stdout: string;
  stderr: string;
}

/** Runs `tenure import` in this process against an API, its output piped (JSON lines) or on a terminal. */
export async function runCli(
  apiUrl: string,
  args: string[],
  { interruptAfterRows, terminal = false }: { interruptAfterRows?: number; terminal?: boolean } = {},
): Promise<CliRun> {
  const stdout = Object.assign(new PassThrough(), { isTTY: terminal });
  const stderr = Object.assign(new PassThrough(), { isTTY: terminal, columns: 120 });
  let out = '';
  let err = '';
  stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const applied = () => out.split('\n').filter((l) => l.includes('"outcome":"applied"')).length;
  const code = await importCommand([...args, '--api-url', apiUrl], {
    stdout,
    stderr,
    env: { TENURE_API_TOKEN: TOKENS.hr },
    ...(interruptAfterRows !== undefined ? { interrupted: () => applied() >= interruptAfterRows } : {}),
  });
  const lines = (terminal ? '' : out)
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  return {
    code,
    rows: lines.filter((l) => !('summary' in l) && !('fileProblem' in l)) as RowReport[],
    summary: lines.find((l) => 'summary' in l)?.summary as ImportSummary,
    fileProblems: lines
      .filter((l) => 'fileProblem' in l)
      .map((l) => l.fileProblem as { line: number; message: string }),
    stdout: out,
    stderr: err,
  };
}

/** A header of Tenure's own field names and rows under it. */
export function tenureCsv(rows: string[][]): string {
  const header = ['employeeId', 'email', 'givenName', 'familyName', 'department', 'timeZone', 'startDate', 'leaveDate'];
  return [header, ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}
