/** One JSON-lines record: its file line and the object on it. */
export interface JsonLine {
  line: number;
  value: Record<string, unknown>;
}

/** A JSON-lines file with a line that is not one JSON object. */
export class JsonLinesSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'JsonLinesSyntaxError';
  }
}

/** Parses JSON lines (one object per line, blank lines skipped, a BOM and CRLF allowed). */
export function parseJsonLines(input: string): JsonLine[] {
  const text = input.startsWith('\uFEFF') ? input.slice(1) : input;
  const out: JsonLine[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch {
      throw new JsonLinesSyntaxError(index + 1, 'not valid JSON');
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new JsonLinesSyntaxError(index + 1, 'each line must be one JSON object');
    }
    out.push({ line: index + 1, value: value as Record<string, unknown> });
  });
  return out;
}
