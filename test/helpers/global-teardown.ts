import { rm } from 'node:fs/promises';

/** Removes the per-run temporary folder made by the global setup. */
export default async function globalTeardown(): Promise<void> {
  if (process.env.TENURE_TEST_DIR) await rm(process.env.TENURE_TEST_DIR, { recursive: true, force: true });
}
