import { createServer } from 'node:net';
import { freePort, freePortInRange, portAnswers } from '../../scripts/lib/free-port';

describe('free ports', () => {
  it('finds a port within a range, for programs that store ports in 16 signed bits', async () => {
    const ports = await Promise.all(Array.from({ length: 5 }, () => freePortInRange(20_000, 32_767)));
    for (const port of ports) expect(port).toBeGreaterThanOrEqual(20_000);
    for (const port of ports) expect(port).toBeLessThanOrEqual(32_767);
  });

  it('tells whether something listens on a port', async () => {
    const port = await freePort();
    expect(await portAnswers(port)).toBe(false);
    const server = createServer().listen(port, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    try {
      expect(await portAnswers(port)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
