/**
 * Keeps the user store in a JSON file across restarts: loaded at start, saved (debounced) after
 * every change, flushed on close. Writes go to a temporary file that is then renamed over the old
 * one, so a crash mid-write never leaves a truncated file behind.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { StoreSnapshot, UserStore } from './store';

const snapshotSchema = z.object({
  nextId: z.number().int().positive(),
  users: z.array(
    z.looseObject({
      id: z.string().regex(/^\d+$/),
      created: z.string(),
      lastModified: z.string(),
      version: z.number().int().positive(),
      attributes: z.record(z.string(), z.unknown()),
      status: z.looseObject({ invited: z.boolean(), claimed: z.boolean() }),
    }),
  ),
});

/** Reads a snapshot; undefined when the file does not exist yet. Fails fast on a corrupt file. */
export async function readSnapshot(file: string): Promise<StoreSnapshot | undefined> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  const parsed = snapshotSchema.safeParse(JSON.parse(text));
  if (!parsed.success)
    throw new Error(`emulator persist file ${file} is not a valid snapshot: ${parsed.error.message}`);
  return parsed.data;
}

/** Saves the store to `file` after changes; call `close()` to flush the last change. */
export class StorePersistence {
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private writes = 0;
  private readonly unsubscribe: () => void;

  constructor(
    private readonly file: string,
    private readonly store: UserStore,
    private readonly debounceMs = 25,
  ) {
    this.unsubscribe = store.onChange(() => this.schedule());
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.save();
    }, this.debounceMs);
  }

  /** Writes the current snapshot now (after any write in progress). */
  save(): Promise<void> {
    const snapshot = JSON.stringify(this.store.snapshot());
    const tmp = `${this.file}.${process.pid}.${++this.writes}.tmp`;
    // Writes are chained so that an older snapshot can never be renamed over a newer one.
    this.writing = this.writing
      .catch(() => undefined)
      .then(async () => {
        await mkdir(dirname(this.file), { recursive: true });
        await writeFile(tmp, snapshot);
        await rename(tmp, this.file);
      });
    return this.writing;
  }

  /** Stops watching the store and writes its final state. */
  async close(): Promise<void> {
    this.unsubscribe();
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    await this.save();
  }
}
