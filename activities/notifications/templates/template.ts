import type { Document } from '../document';
import type { DateFormatter } from '../format';

/** Turns one notification into its subject and body in one language. */
export type Template<N> = (notification: N, format: DateFormatter) => Document;

/** A notification's templates by BCP 47 locale (`fr`, `fr-CA`); English is always there, as the last resort. */
export type LocalizedTemplates<N> = { readonly en: Template<N> } & {
  readonly [locale: string]: Template<N> | undefined;
};

/** Chooses the singular or plural word for a count, by the language's plural rules. */
export function plural(locale: string, count: number, one: string, other: string): string {
  return new Intl.PluralRules(locale).select(count) === 'one' ? one : other;
}
