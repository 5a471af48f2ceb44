/** The languages of the member-facing pages (issue 11). English is the default and the fallback. */
export const LANGUAGES = ['en', 'es'] as const
export type Language = (typeof LANGUAGES)[number]
export const DEFAULT_LANGUAGE: Language = 'en'

/** Each language's name in itself, for the switch. */
export const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', es: 'Español' }

/** The locale that formats numbers, money and dates (US dollars, US Spanish). */
export const LOCALES: Record<Language, string> = { en: 'en-US', es: 'es-US' }

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value)
}
