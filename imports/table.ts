import { parseCsv } from './csv';
import { parseJsonLines } from './json-lines';

/** The two input formats: CSV (RFC 4180) and JSON lines. */
export type ImportFormat = 'csv' | 'jsonl';

/** One record of a file, by column, with the line it starts on and what is wrong with its shape. */
export interface TableRecord {
  line: number;
  values: Record<string, unknown>;
  /** e.g. a CSV record with more cells than the header has columns */
  shapeProblem?: string;
}

/** A file read as a table: the columns it has and its records. Syntax errors throw with their line. */
export interface Table {
  columns: string[];
  records: TableRecord[];
  /** a column named twice in a CSV header */
  duplicateColumns: string[];
}

/** Reads CSV (first record: the header) or JSON lines (keys: the columns) into a table. */
export function readTable(text: string, format: ImportFormat): Table {
  if (format === 'jsonl') {
    const lines = parseJsonLines(text);
    const columns = [...new Set(lines.flatMap((l) => Object.keys(l.value)))];
    return { columns, records: lines.map((l) => ({ line: l.line, values: l.value })), duplicateColumns: [] };
  }
  const [header, ...rows] = parseCsv(text);
  if (!header) return { columns: [], records: [], duplicateColumns: [] };
  const columns = header.cells.map((c) => c.trim());
  const duplicateColumns = columns.filter((c, i) => columns.indexOf(c) !== i);
  const records = rows.map(({ line, cells }): TableRecord => {
    const values = Object.fromEntries(columns.map((column, i) => [column, cells[i]]));
    if (cells.length === columns.length) return { line, values };
    return {
      line,
      values,
      shapeProblem: `has ${cells.length} cells where the header has ${columns.length} columns (a missing or extra comma, or an unquoted comma in a value)`,
    };
  });
  return { columns, records, duplicateColumns };
}

/** The format a file name suggests: `.jsonl`/`.ndjson` are JSON lines, anything else CSV. */
export function formatOfName(name: string): ImportFormat {
  return /\.(jsonl|ndjson)$/i.test(name) ? 'jsonl' : 'csv';
}
