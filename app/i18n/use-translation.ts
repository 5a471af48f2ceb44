import type { i18n as I18n, TFunction } from 'i18next'
import { useContext } from 'react'
import { I18nContext } from 'react-i18next'

const cache = new WeakMap<I18n, Map<string, TFunction>>()

/** Translations with options kept per `t` (a page's cards repeat the same few values); emptied when full. */
const FORMATTED_KEPT = 2_000

/** The memo key of a translation whose options are all strings, numbers or booleans; undefined otherwise (not kept). */
function formattedKey(key: string, options: Record<string, unknown>): string | undefined {
  for (const value of Object.values(options)) {
    const type = typeof value
    if (type !== 'string' && type !== 'number' && type !== 'boolean' && value !== undefined) return undefined
  }
  return `${key}\u0000${JSON.stringify(options)}`
}

/**
 * react-i18next's `useTranslation`, cheap enough for every result card (issue 9): react-i18next
 * builds a new wrapped `t` on every call of its hook, and i18next resolves every key again; a
 * find-care page calls them a few hundred times. Here one `t` per language instance and namespace
 * is kept, a translation without options (a label) is looked up once, and one with plain options
 * (a count, a distance, an amount) is kept under its key and options: a search page asks for
 * 122 of them, about a twelfth of its server time in i18next (issue 24). The instance's language
 * never changes and its messages are bundled (app/i18n/translator.ts), so nothing cached goes stale.
 */
export function useTranslation(namespace = 'common'): { t: TFunction; i18n: I18n } {
  const { i18n } = useContext(I18nContext)
  let byNamespace = cache.get(i18n)
  if (!byNamespace) cache.set(i18n, (byNamespace = new Map()))
  let t = byNamespace.get(namespace)
  if (!t) {
    const language = i18n.language
    const fixed = i18n.getFixedT(language, namespace)
    const labels = new Map<string, string>()
    const formatted = new Map<string, string>()
    t = ((key: string, options?: unknown) => {
      // With options (interpolation, plurals), i18next's own translate directly: the fixed `t`
      // copies the instance's whole options object on every call (issue 24: a sixth of a search
      // page's server time). Same language and namespace as the fixed `t`; an option that names
      // its own language or namespace still wins.
      if (options !== null && typeof options === 'object' && !Array.isArray(options)) {
        const memoKey = formattedKey(key, options as Record<string, unknown>)
        const kept = memoKey === undefined ? undefined : formatted.get(memoKey)
        if (kept !== undefined) return kept
        const o = { ...(options as Record<string, unknown>) }
        o.lng ||= language
        o.ns ||= namespace
        const text = i18n.t(key, o as never) as unknown
        if (memoKey !== undefined && typeof text === 'string') {
          if (formatted.size >= FORMATTED_KEPT) formatted.clear()
          formatted.set(memoKey, text)
        }
        return text
      }
      if (options !== undefined) return fixed(key, options as never)
      let label = labels.get(key)
      if (label === undefined) labels.set(key, (label = fixed(key) as string))
      return label
    }) as unknown as TFunction
    byNamespace.set(namespace, t)
  }
  return { t, i18n }
}
