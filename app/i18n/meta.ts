import { isLanguage } from './languages'
import { translatorFor } from './translator'

type Matches = ReadonlyArray<{ id: string; data?: unknown }>

/** A member page's <title> in the page's language (the root loader's `language`). */
export function translatedTitle(matches: Matches, key: string, options: { ns?: string; [name: string]: unknown } = {}): string {
  const language = (matches.find((m) => m.id === 'root')?.data as { language?: unknown } | undefined)?.language
  const t = translatorFor(isLanguage(language) ? language : 'en').t
  return `${String(t(key, options))} · COE Marketplace`
}
