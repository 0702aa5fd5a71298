import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmulator } from '../../emulator/server';
import { eventually } from '../helpers/eventually';
import { ACCOUNT_STATUS, call, createUser, userBody } from './support';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'emulator-persist-'));
  file = join(dir, 'state', 'users.json');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('persistence', () => {
  it('keeps users, their invitation and claim state across a restart, and continues the ids', async () => {
    const first = await startEmulator({ port: 0, persistFile: file, publicUrl: 'http://emulator.test' });
    const a = await createUser(first, userBody(1, { [ACCOUNT_STATUS]: { invited: true } }));
    const b = await createUser(first, userBody(2));
    await call(first, 'DELETE', `/Users/${b.id}`);
    await first.close();

    const second = await startEmulator({ port: 0, persistFile: file, publicUrl: 'http://emulator.test' });
    try {
      expect((await call(second, 'GET', `/Users/${a.id}`)).body).toEqual(a);
      expect((await call(second, 'GET', `/Users/${b.id}`)).status).toBe(404);
      const c = await createUser(second, userBody(3));
      expect(Number(c.id)).toBeGreaterThan(Number(b.id));
      const token = (a[ACCOUNT_STATUS].claimLink as string).split('/claim/')[1];
      expect((await fetch(`${second.url}/claim/${token}`)).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('saves soon after each change, before any close, and leaves no temporary file', async () => {
    const em = await startEmulator({ port: 0, persistFile: file });
    try {
      const user = await createUser(em, userBody(1));
      const saved = await eventually(
        () =>
          readFile(file, 'utf8').then(
            (text) => JSON.parse(text) as { users: { id: string }[] },
            () => undefined,
          ),
        (snapshot) => snapshot?.users.some((u) => u.id === user.id) ?? false,
        { timeoutMs: 2000, intervalMs: 10 },
      );
      expect(saved?.users).toHaveLength(1);
      expect(await readdir(join(dir, 'state'))).toEqual(['users.json']);
    } finally {
      await em.close();
    }
  });

  it('starts empty when the file does not exist yet', async () => {
    const em = await startEmulator({ port: 0, persistFile: file });
    try {
      expect((await call(em, 'GET', '/Users')).body.totalResults).toBe(0);
    } finally {
      await em.close();
    }
  });

  it('refuses to start from a corrupt file rather than silently losing users', async () => {
    await writeFile(join(dir, 'bad.json'), JSON.stringify({ users: 'nope' }));
    await expect(startEmulator({ port: 0, persistFile: join(dir, 'bad.json') })).rejects.toThrow(
      /not a valid snapshot/,
    );
  });
});
