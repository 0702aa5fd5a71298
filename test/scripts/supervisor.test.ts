import { Writable } from 'node:stream';
import { Supervisor } from '../../scripts/lib/supervisor';

const quiet = Object.assign(new Writable({ write: (_chunk, _enc, done) => done() }), {
  isTTY: false,
}) as unknown as NodeJS.WriteStream;

describe('Supervisor', () => {
  it('refuses to start a child once stopping began, so a boot still under way leaves no orphan', async () => {
    // Regression: a child died during boot, the stack stopped, and the boot went on to start the
    // worker and the API, which nobody stopped.
    const supervisor = new Supervisor(['sleeper', 'late'], () => undefined, quiet);
    const sleeper = supervisor.start({
      name: 'sleeper',
      command: process.execPath,
      args: ['-e', 'setTimeout(() => {}, 60000)'],
    });
    await supervisor.stopAll(5_000);
    expect(sleeper.exitCode !== null || sleeper.signalCode !== null).toBe(true);
    expect(() => supervisor.start({ name: 'late', command: process.execPath, args: ['-e', ''] })).toThrow(
      'not starting late: the stack is stopping',
    );
  });

  it('reports a child that exits on its own, and not one it stops', async () => {
    const exits: string[] = [];
    const supervisor = new Supervisor(['quick', 'long'], (name, code) => exits.push(`${name}:${code}`), quiet);
    supervisor.start({ name: 'quick', command: process.execPath, args: ['-e', 'process.exit(3)'] });
    supervisor.start({ name: 'long', command: process.execPath, args: ['-e', 'setTimeout(() => {}, 60000)'] });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    await supervisor.stopAll(5_000);
    expect(exits).toEqual(['quick:3']);
  });
});
