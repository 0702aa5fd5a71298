/**
 * An RFC 4180 CSV reader written for imports rather than taken from a library, because an import
 * must name the file line of every record and every fault: a record starts on one line and may
 * span several (a quoted newline), and a person fixing an export needs the line their editor
 * shows. Accepts UTF-8 with or without a BOM, CRLF or LF line ends, quoted commas, quotes and
 * newlines; refuses an unbalanced quote or a quote inside an unquoted field with the line it
 * began on.
 */

/** One record: its cells and the file line it starts on (1-based, the header is line 1). */
export interface CsvRecord {
  line: number;
  cells: string[];
}

/** A malformed CSV file: the line the fault is on, and what is wrong. */
export class CsvSyntaxError extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(`line ${line}: ${problem}`);
    this.name = 'CsvSyntaxError';
  }
}

const BOM = '\uFEFF';

/** Splits CSV text into records; blank lines (outside quotes) are skipped. Throws CsvSyntaxError. */
export function parseCsv(input: string): CsvRecord[] {
  const text = input.startsWith(BOM) ? input.slice(1) : input;
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let cells: string[] = [];
  let cell = '';
  // The record has begun (a blank line never begins one); the cell is inside quotes; its closing quote was seen.
  let started = false;
  let quoted = false;
  let afterQuote = false;
  let quoteLine = 0;

  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c !== '"') {
        if (c === '\n') line++;
        cell += c;
      } else if (text[i + 1] === '"') {
        cell += '"';
        i++;
      } else {
        quoted = false;
        afterQuote = true;
      }
      continue;
    }
    const newline = c === '\n' || c === '\r';
    if (newline) {
      if (c === '\r' && text[i + 1] === '\n') i++;
      if (started) records.push({ line: recordLine, cells: [...cells, cell] });
      line++;
      cells = [];
      cell = '';
      started = false;
      afterQuote = false;
      continue;
    }
    if (!started) {
      started = true;
      recordLine = line;
    }
    if (c === ',') {
      cells.push(cell);
      cell = '';
      afterQuote = false;
    } else if (c === '"') {
      if (cell !== '' || afterQuote) {
        throw new CsvSyntaxError(line, 'a quote inside an unquoted field: quote the whole field and double the quote');
      }
      quoted = true;
      quoteLine = line;
    } else if (afterQuote) {
      throw new CsvSyntaxError(line, 'text after a closing quote: a quoted field must end at a comma or a line end');
    } else {
      cell += c;
    }
  }
  if (quoted) throw new CsvSyntaxError(quoteLine, 'a quoted field is never closed (unbalanced quote)');
  if (started) records.push({ line: recordLine, cells: [...cells, cell] });
  return records;
}
