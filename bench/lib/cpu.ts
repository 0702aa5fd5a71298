import { readdirSync, readFileSync } from 'node:fs';

/**
 * CPU time used by each process of a benchmark stack, to say where a phase's time went: the bench
 * process itself (which hosts the emulator and the SMTP sink) and its children (the Temporal dev
 * server, Tenure's worker and API, the baseline worker), named by their command line. Linux only
 * (/proc); elsewhere the figures are left out.
 */

export type CpuSeconds = Record<string, number>;

const ROLES: [RegExp, string][] = [
  [/start-dev/, 'temporal-server'],
  [/--config-file \S+ --allow-no-auth start/, 'temporal-server'],
  [/worker\/main\.ts/, 'tenure-worker'],
  [/api\/server\.ts/, 'tenure-api'],
  [/bench\/baseline\/worker\.ts/, 'baseline-worker'],
];

// utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
const TICKS_PER_SECOND = 100;

function processCpu(pid: string): { ppid: number; seconds: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: the fields after it start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { ppid: Number(fields[1]), seconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** CPU seconds so far, per role; undefined where /proc is not there. */
export function cpuSnapshot(): CpuSeconds | undefined {
  if (process.platform !== 'linux') return undefined;
  const usage = process.cpuUsage();
  const snapshot: CpuSeconds = { 'bench-process (emulator, smtp sink, client)': (usage.user + usage.system) / 1e6 };
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    const cpu = processCpu(pid);
    if (!cpu || cpu.ppid !== process.pid) continue;
    let cmdline = '';
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
    } catch {
      continue;
    }
    const role = ROLES.find(([pattern]) => pattern.test(cmdline))?.[1];
    if (role) snapshot[role] = (snapshot[role] ?? 0) + cpu.seconds;
  }
  return snapshot;
}

/** CPU seconds used between two snapshots, per role, rounded to 0.1 s; roles absent before count from zero. */
export function cpuBetween(before: CpuSeconds | undefined, after: CpuSeconds | undefined): CpuSeconds | undefined {
  if (!before || !after) return undefined;
  const used: CpuSeconds = {};
  for (const [role, seconds] of Object.entries(after)) {
    used[role] = Math.round((seconds - (before[role] ?? 0)) * 10) / 10;
  }
  return used;
}
