import { appendFileSync, mkdirSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

/** One measured figure: printed as one JSON line and appended to the run's results file. */
export interface Figure {
  benchmark: string;
  metric: string;
  value: number;
  unit: string;
  /** the goal from the issue, for the summary */
  target?: string;
  met?: boolean;
  [detail: string]: unknown;
}

const RUN = new Date().toISOString().replace(/[:.]/g, '-');
const FILE = join(__dirname, '..', 'results', `${RUN}.jsonl`);

/** The machine and moment of the run, written first. */
export function machine(): Record<string, unknown> {
  const cpu = cpus();
  return {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    cpus: cpu.length,
    cpuModel: cpu[0]?.model,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
  };
}

export function report(figure: Figure): void {
  const line = JSON.stringify(figure);
  process.stdout.write(`${line}\n`);
  mkdirSync(join(__dirname, '..', 'results'), { recursive: true });
  appendFileSync(FILE, `${line}\n`);
}

export function reportMachine(): void {
  const line = JSON.stringify({ benchmark: 'machine', ...machine() });
  process.stdout.write(`${line}\n`);
  mkdirSync(join(__dirname, '..', 'results'), { recursive: true });
  appendFileSync(FILE, `${line}\n`);
}

/** The q-quantile (0..1) of a list of numbers. */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[index]!;
}
