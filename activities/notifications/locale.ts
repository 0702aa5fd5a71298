/** The language every template has: the end of every fallback chain. */
export const BASE_LOCALE = 'en';

/** The BCP 47 tag of a locale written either way (`fr_CA`, `fr-ca`), or undefined when it is not one. */
export function toLanguageTag(locale: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(locale.replace(/_/g, '-'))[0];
  } catch {
    return undefined;
  }
}

/**
 * The locales to try, most specific first: the requested one and its parents, then the default's,
 * then English (`fr_CA` → `fr-CA`, `fr`, …, `en`).
 */
export function localeFallbacks(requested: string | undefined, defaultLocale: string): string[] {
  const chain: string[] = [];
  for (const locale of [requested, defaultLocale, BASE_LOCALE]) {
    const tag = locale === undefined ? undefined : toLanguageTag(locale);
    if (tag === undefined) continue;
    const subtags = tag.split('-');
    for (let length = subtags.length; length >= 1; length--) {
      const candidate = subtags.slice(0, length).join('-');
      if (!chain.includes(candidate)) chain.push(candidate);
    }
  }
  return chain;
}

/** Picks the entry for the first locale of the fallback chain that `entries` has. */
export function resolveLocalized<T>(
  entries: { readonly [BASE_LOCALE]: T } & { readonly [locale: string]: T | undefined },
  requested: string | undefined,
  defaultLocale: string,
): { locale: string; value: T } {
  for (const locale of localeFallbacks(requested, defaultLocale)) {
    const value = entries[locale];
    if (value !== undefined) return { locale, value };
  }
  return { locale: BASE_LOCALE, value: entries[BASE_LOCALE] };
}
