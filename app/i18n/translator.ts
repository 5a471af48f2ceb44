import i18next, { type i18n, type TFunction } from 'i18next'
import { DEFAULT_LANGUAGE, LANGUAGES, type Language } from './languages'
import { messages, NAMESPACES } from './messages'

const instances = new Map<Language, i18n>()

/**
 * One i18next instance per language, created on first use and kept: its language never
 * changes, so it is safe to share between requests on the server. Resources are bundled (no
 * loading step), so `init` completes synchronously.
 */
export function translatorFor(language: Language): i18n {
  let instance = instances.get(language)
  if (!instance) {
    instance = i18next.createInstance()
    void instance.init({
      lng: language,
      fallbackLng: DEFAULT_LANGUAGE,
      supportedLngs: [...LANGUAGES],
      ns: [...NAMESPACES],
      defaultNS: 'common',
      resources: messages,
      initAsync: false,
      interpolation: { escapeValue: false }, // React escapes
      returnNull: false,
    })
    instances.set(language, instance)
  }
  return instance
}

/** A `t` for server code (e-mails, errors from actions) in the given language. */
export function fixedT(language: Language, namespace: (typeof NAMESPACES)[number] = 'common'): TFunction {
  return translatorFor(language).getFixedT(language, namespace)
}
