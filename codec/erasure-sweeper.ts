import type { DataKeyRing } from './data-key-ring';

/**
 * Erases the data keys whose PRIVACY_KEY_GRACE ended, now and every `everyMs`: a due key is treated
 * as erased the moment anyone reads it, but its material must also leave the store when nobody
 * does. Answers a function that stops the sweeps.
 */
export function startErasureSweeper(
  keys: DataKeyRing,
  { everyMs = 60_000, onError }: { everyMs?: number; onError: (error: unknown) => void },
): () => void {
  const sweep = () => void keys.eraseDue().catch(onError);
  sweep();
  const timer = setInterval(sweep, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
