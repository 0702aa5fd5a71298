/**
 * What Tenure accepts as text: the rules behind every name, title and note that reaches the
 * directory, e-mails, the timeline and logs. One place, used by the API's schemas and the
 * workflow's validators alike.
 */

/**
 * Characters that never belong in a person's data: C0 and C1 controls and DEL, line and paragraph
 * separators (U+2028/9 break JSON-in-JS and log lines), and the bidirectional controls that can make
 * text display as something it is not (U+061C, U+200E/F, U+202A–E, U+2066–9).
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

/** The first forbidden character of a text, as `U+XXXX`, or undefined when there is none. */
export function forbiddenCharacter(value: string): string | undefined {
  if (!value.isWellFormed()) return 'an unpaired surrogate';
  const match = FORBIDDEN.exec(value);
  return match ? `U+${match[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}` : undefined;
}

/** Why a text is not acceptable (empty, blank, too long, a forbidden character), or undefined. */
export function textProblem(value: string, max: number): string | undefined {
  if (value.length === 0) return 'must not be empty';
  if (value.trim() === '') return 'must not be blank';
  if (value.length > max) return `must be at most ${max} characters`;
  const forbidden = forbiddenCharacter(value);
  return forbidden ? `must not contain control or bidirectional-override characters (found ${forbidden})` : undefined;
}
