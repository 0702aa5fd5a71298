import { z } from 'zod';
import { PROFILE_FIELDS } from '../workflows/contract';
import { DATE_FORMATS } from './dates';

/**
 * A column mapping: which header of an export holds which field of Tenure's employee record, the
 * export's date layout, and defaults for fields the export lacks (a zone for a one-office company).
 * Columns it does not name are ignored, so a whole report can be imported as it comes.
 */

/** The record fields a file may fill; `leaveBeforeStart` confirms a leave before the start date. */
export const IMPORT_FIELDS = [
  'employeeId',
  ...PROFILE_FIELDS,
  'timeZone',
  'startDate',
  'leaveDate',
  'leaveAt',
  'authMethod',
] as const;
export type ImportField = (typeof IMPORT_FIELDS)[number];

/** The fields every row must have, from a column or a default. */
export const REQUIRED_FIELDS: readonly ImportField[] = [
  'employeeId',
  'email',
  'givenName',
  'familyName',
  'timeZone',
  'startDate',
];

/** The fields holding calendar dates, read in the mapping's date layout. */
export const DATE_FIELDS: readonly ImportField[] = ['startDate', 'leaveDate'];

export const mappingSchema = z.strictObject({
  description: z.string().optional(),
  columns: z
    .record(z.string().min(1), z.enum(IMPORT_FIELDS))
    .refine((columns) => new Set(Object.values(columns)).size === Object.values(columns).length, {
      message: 'two columns map to the same field',
    }),
  dateFormat: z.enum(DATE_FORMATS).default('YYYY-MM-DD'),
  defaults: z.partialRecord(z.enum(IMPORT_FIELDS), z.string().min(1)).default({}),
});
export type ColumnMapping = z.output<typeof mappingSchema>;

/** Without a mapping file, the headers are Tenure's own field names. */
export const IDENTITY_MAPPING: ColumnMapping = {
  columns: Object.fromEntries(IMPORT_FIELDS.map((field) => [field, field])),
  dateFormat: 'YYYY-MM-DD',
  defaults: {},
};

/** A mapping file's problem, with the path of what is wrong. */
export class MappingError extends Error {
  override name = 'MappingError';
}

/** Reads a mapping file's JSON text; a MappingError names every problem. */
export function parseMapping(text: string): ColumnMapping {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new MappingError('the mapping file is not valid JSON');
  }
  const parsed = mappingSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(file)'}: ${i.message}`);
    throw new MappingError(`the mapping file is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
