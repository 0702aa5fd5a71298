/** The date layouts an export may use; the mapping file names one (`YYYY-MM-DD` when it names none). */
export const DATE_FORMATS = ['YYYY-MM-DD', 'MM/DD/YYYY', 'DD/MM/YYYY', 'DD.MM.YYYY'] as const;
export type DateFormat = (typeof DATE_FORMATS)[number];

const LAYOUTS: Record<DateFormat, { pattern: RegExp; order: [number, number, number] }> = {
  // order: the capture groups holding year, month and day
  'YYYY-MM-DD': { pattern: /^(\d{4})-(\d{2})-(\d{2})$/, order: [1, 2, 3] },
  'MM/DD/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 1, 2] },
  'DD/MM/YYYY': { pattern: /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/, order: [3, 2, 1] },
  'DD.MM.YYYY': { pattern: /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/, order: [3, 2, 1] },
};

/**
 * An export's date as Tenure's `YYYY-MM-DD`, or undefined when the text is not in the layout (the
 * caller names the column and the layout in its message). Whether the day exists is left to the
 * contract's calendar-date rule, so that one rule decides it for files and API calls alike.
 */
export function isoDateOf(value: string, format: DateFormat): string | undefined {
  const { pattern, order } = LAYOUTS[format];
  const match = pattern.exec(value);
  if (!match) return undefined;
  const [y, m, d] = order.map((group) => match[group]!);
  return `${y}-${m!.padStart(2, '0')}-${d!.padStart(2, '0')}`;
}
