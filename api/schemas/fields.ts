/**
 * The field schemas of the API: the contract's vocabulary (one definition of "an employee id", "a
 * calendar date", "an IANA zone" for the API and the workflow alike), re-exported for the routes.
 */
export {
  calendarDateSchema,
  emailSchema,
  employeeIdSchema,
  instantSchema,
  localeSchema,
  noteSchema,
  text,
  timeZoneSchema,
} from '../../workflows/contract';
