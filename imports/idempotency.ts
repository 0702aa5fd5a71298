import { createHash } from 'node:crypto';

/** The SHA-256 of a file's bytes (hex): the import's identity. */
export function contentHash(content: string | Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/**
 * The Idempotency-Key of a row's request: the file's content hash and the row's line, so the same
 * file run again sends the same keys (a request whose answer was lost is answered, not repeated),
 * and another file never reuses one. An employee a snapshot misses has no line: their id stands in.
 */
export function rowKey(fileHash: string, where: { line: number } | { absent: string }): string {
  const place = 'line' in where ? `line-${where.line}` : `absent-${where.absent}`;
  return `tenure-import.${fileHash.slice(0, 32)}.${place}`;
}
