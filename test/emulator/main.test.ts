import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEmulatorOptions } from '../../emulator/config';
import { ConfigError } from '../../config/env';

const root = join(__dirname, '..', '..');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

describe('emulator configuration', () => {
  it('defaults to 127.0.0.1:4100 with the dev-token', () => {
    expect(loadEmulatorOptions({})).toEqual({ host: '127.0.0.1', port: 4100, tokens: ['dev-token'], logger: false });
  });

  it('reads comma-separated tokens, a persist file and a public URL', () => {
    const options = loadEmulatorOptions({
      EMULATOR_TOKENS: 'one, two',
      EMULATOR_PERSIST_FILE: '/tmp/x.json',
      EMULATOR_PUBLIC_URL: 'https://wp.example.test',
    });
    expect(options).toMatchObject({
      tokens: ['one', 'two'],
      persistFile: '/tmp/x.json',
      publicUrl: 'https://wp.example.test',
    });
  });

  it('requires its tokens in production', () => {
    expect(() => loadEmulatorOptions({ NODE_ENV: 'production' })).toThrow('EMULATOR_TOKENS: required in production');
    expect(loadEmulatorOptions({ NODE_ENV: 'production', EMULATOR_TOKENS: 'own' }).tokens).toEqual(['own']);
  });

  it('fails fast naming every bad variable', () => {
    const load = () =>
      loadEmulatorOptions({ EMULATOR_PORT: 'x', EMULATOR_PUBLIC_URL: 'not a url', EMULATOR_TOKENS: 'a,,b' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/EMULATOR_PORT[\s\S]*EMULATOR_TOKENS[\s\S]*EMULATOR_PUBLIC_URL/);
  });
});

describe('emulator process', () => {
  it('logs its URL when listening, serves SCIM, and exits 0 on SIGTERM after saving its users', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'emulator-main-'));
    const persistFile = join(dir, 'users.json');
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts'], {
      cwd: root,
      env: {
        ...process.env,
        EMULATOR_PORT: String(port),
        EMULATOR_TOKENS: 'secret',
        EMULATOR_PERSIST_FILE: persistFile,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let output = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          output += chunk.toString();
          const match = /listening on (http:\/\/\S+)/.exec(output);
          if (match) resolve(match[1]!);
        });
        child.on('exit', (code) => reject(new Error(`exited early with ${code}: ${output}`)));
      });
      expect(url).toBe(`http://127.0.0.1:${port}`);
      const res = await fetch(`${url}/Users`, {
        method: 'POST',
        headers: { authorization: 'Bearer secret', 'user-agent': 'test', 'content-type': 'application/scim+json' },
        body: JSON.stringify({ schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'], userName: 'p@example.com' }),
      });
      expect(res.status).toBe(201);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
      const saved = JSON.parse(await readFile(persistFile, 'utf8')) as { users: unknown[] };
      expect(saved.users).toHaveLength(1);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('exits 1 with a readable message on a bad configuration', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'emulator/main.ts'], {
      cwd: root,
      env: { ...process.env, EMULATOR_PORT: 'not-a-port' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toMatch(/Invalid emulator configuration[\s\S]*EMULATOR_PORT/);
  });
});
