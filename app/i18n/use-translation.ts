import type { i18n as I18n, TFunction } from 'i18next'
import { useContext } from 'react'
import { I18nContext } from 'react-i18next'

const cache = new WeakMap<I18n, Map<string, TFunction>>()

/**
 * react-i18next's `useTranslation`, cheap enough for every result card (issue 9): react-i18next
 * builds a new wrapped `t` on every call of its hook, and i18next resolves every key again; a
 * find-care page calls them a few hundred times. Here one `t` per language instance and namespace
 * is kept, and a translation without options (a label) is looked up once. The instance's language
 * never changes (app/i18n/translator.ts), so nothing cached goes stale.
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
    t = ((key: string, options?: unknown) => {
      // With options (interpolation, plurals), i18next's own translate directly: the fixed `t`
      // copies the instance's whole options object on every call (issue 24: a sixth of a search
      // page's server time). Same language and namespace as the fixed `t`; an option that names
      // its own language or namespace still wins.
      if (options !== null && typeof options === 'object' && !Array.isArray(options)) {
        const o = { ...(options as Record<string, unknown>) }
        o.lng ||= language
        o.ns ||= namespace
        return i18n.t(key, o as never)
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
