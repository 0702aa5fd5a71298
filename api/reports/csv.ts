/**
 * RFC 4180 CSV: a header of the columns, then one line per row; a field with a comma, a quote or a
 * line break is quoted. A field that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first)
 * gets a leading quote mark, so that a department named `=HYPERLINK(…)` stays text.
 */
/** A report cell: text, a number, a yes/no, or nothing. */
type Cell = string | number | boolean | null | undefined;

export function toCsv<Row extends { [K in keyof Row]: Cell }>(
  columns: readonly (keyof Row & string)[],
  rows: readonly Row[],
): string {
  const field = (value: Cell): string => {
    if (value === null || value === undefined) return '';
    let text = String(value);
    if (typeof value === 'string' && /^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [columns.join(','), ...rows.map((row) => columns.map((c) => field(row[c])).join(','))];
  return `${lines.join('\r\n')}\r\n`;
}
