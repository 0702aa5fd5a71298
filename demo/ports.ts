import { createServer } from 'node:net';

/** A port the local stack listens on, by the variable that sets it. */
export interface StackPort {
  variable: string;
  host: string;
  port: number;
}

/** Whether nothing listens on host:port right now (by trying to listen there ourselves). */
export function isPortFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The ports among these that something already listens on. */
export async function busyPorts(ports: readonly StackPort[]): Promise<StackPort[]> {
  const free = await Promise.all(ports.map((p) => isPortFree(p.host, p.port)));
  return ports.filter((_, i) => !free[i]);
}

/** What to tell a user whose ports are taken: most likely by a stack that already runs. */
export function busyPortsMessage(busy: readonly StackPort[]): string {
  const list = busy.map((p) => `${p.port} (${p.variable})`).join(', ');
  return [
    `Cannot start the demo stack: port${busy.length > 1 ? 's' : ''} ${list} already in use.`,
    'Is `npm start` or `npm run start:demo` already running in another terminal?',
    '  - the demo stack already runs: just run `npm run demo`;',
    '  - `npm start` runs: stop it with Ctrl-C (its policy counts reminders in days), then `npm run start:demo`;',
    `  - another program holds the port: set ${busy.map((p) => p.variable).join(', ')} to free ports, for both`,
    '    `npm run start:demo` and `npm run demo`.',
  ].join('\n');
}
