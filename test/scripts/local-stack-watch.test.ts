import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isAlive } from '../../scripts/lib/child-process';
import { startLocalStack, type LocalStackOptions } from '../../scripts/lib/stack/local-stack';
import { describeExit } from '../../scripts/lib/stack/stack-watch';
import { eventually } from '../helpers/eventually';

// The API process is the cheapest part to run alone: it starts (and /healthz answers) without Temporal.
const NO_TEMPORAL = { address: '127.0.0.1:1' };

function watched(): { lines: string[]; exits: string[]; watch: NonNullable<LocalStackOptions['watch']> } {
  const lines: string[] = [];
  const exits: string[] = [];
  return {
    lines,
    exits,
    watch: {
      line: (part, line) => lines.push(`${part}: ${line}`),
      exited: (part, exit) => exits.push(`${part}: ${describeExit(exit)}`),
    },
  };
}

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tenure-watched-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a watched local stack (npm start)', () => {
  it('echoes its processes, does not report the ones it closes, and keeps a folder it was told to keep', async () => {
    const { lines, exits, watch } = watched();
    const stack = await startLocalStack({
      label: 'a kept stack',
      dir,
      keepDir: true,
      temporal: NO_TEMPORAL,
      api: {},
      watch,
    });
    const pid = stack.api!.process.pid;
    await stack.close();
    expect(lines[0]).toBe(`api: started (pid ${pid})`);
    expect(lines.length).toBeGreaterThan(1);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(exits).toEqual([]);
    expect((await stat(dir)).isDirectory()).toBe(true);
  });

  it('reports a process that exits on its own', async () => {
    const { exits, watch } = watched();
    const stack = await startLocalStack({ label: 'a crashing stack', temporal: NO_TEMPORAL, api: {}, watch });
    try {
      await stack.api!.process.kill('SIGKILL');
      await eventually(
        async () => exits.length,
        (n) => n > 0,
      );
    } finally {
      await stack.close();
    }
    expect(exits).toEqual(['api: signal SIGKILL']);
  });

  it('fails and stops what it started when its start is aborted while under way', async () => {
    const stopping = new AbortController();
    const pids: number[] = [];
    const starting = startLocalStack({
      label: 'an aborted stack',
      temporal: NO_TEMPORAL,
      api: {},
      signal: stopping.signal,
      watch: {
        line: (_part, line) => {
          const started = /started \(pid (\d+)\)/.exec(line);
          if (started) {
            pids.push(Number(started[1]));
            stopping.abort();
          }
        },
        exited: () => undefined,
      },
    });
    await expect(starting).rejects.toThrow('an aborted stack: the start was aborted');
    expect(pids).toHaveLength(1);
    expect(pids.filter(isAlive)).toEqual([]);
  });
});
