import i18next, { type TFunction } from 'i18next'
import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider } from 'react-i18next'
import { describe, expect, it, vi } from 'vitest'
import { messages } from '~/i18n/messages'
import { translatorFor } from '~/i18n/translator'
import { useTranslation } from '~/i18n/use-translation'

/** The app's `t` for a language and namespace, taken from a render as a component would. */
function appT(language: 'en' | 'es', namespace: string, i18n = translatorFor(language)): TFunction {
  let captured: TFunction | undefined
  function Probe() {
    captured = useTranslation(namespace).t
    return null
  }
  renderToStaticMarkup(createElement(I18nextProvider, { i18n }, createElement(Probe)))
  return captured!
}

/*
 * The app's useTranslation keeps translations with plain options (issue 24: a search page asks for
 * 122 of them). What it answers must be what i18next answers, for every count, value and language;
 * options that are not plain values are never kept.
 */
describe('useTranslation keeps translations with options', () => {
  it.each([
    ['en', 'search.milesFrom', { city: 'Akron', state: 'OH', miles: 1, zip: '44308', count: 1 }, 'Akron, OH · 1 mile from 44308'],
    ['en', 'search.milesFrom', { city: 'Akron', state: 'OH', miles: 12, zip: '44308', count: 12 }, 'Akron, OH · 12 miles from 44308'],
    ['es', 'search.milesFrom', { city: 'Akron', state: 'OH', miles: 1, zip: '44308', count: 1 }, undefined],
    ['es', 'search.milesFrom', { city: 'Akron', state: 'OH', miles: 12, zip: '44308', count: 12 }, undefined],
  ] as const)('%s %s %j', (language, key, options, english) => {
    const t = appT(language, 'care')
    const expected = translatorFor(language).t(key, { ...options, lng: language, ns: 'care' })
    if (english) expect(expected).toBe(english)
    // Asked twice, and after other values: the same text each time.
    expect(t(key, options)).toBe(expected)
    expect(t(key, { ...options, miles: 99, count: 99 })).not.toBe(expected)
    expect(t(key, options)).toBe(expected)
  })

  it('asks i18next once for the same key and options, again for other options', () => {
    const i18n = i18next.createInstance()
    void i18n.init({ lng: 'en', ns: ['care'], defaultNS: 'care', resources: messages, initAsync: false, interpolation: { escapeValue: false } })
    const t = appT('en', 'care', i18n)
    const spy = vi.spyOn(i18n, 't')
    const options = { city: 'Akron', state: 'OH', miles: 3, zip: '44308', count: 3 }
    const first = t('search.milesFrom', options)
    expect(t('search.milesFrom', { ...options })).toBe(first)
    expect(spy).toHaveBeenCalledTimes(1)
    expect(t('search.milesFrom', { ...options, count: 1, miles: 1 })).toBe('Akron, OH · 1 mile from 44308')
    expect(spy).toHaveBeenCalledTimes(2)
    // An option that is an object (here a nested value) is not a memo key: i18next is asked every time.
    t('search.milesFrom', { ...options, city: { name: 'Akron' } } as never)
    t('search.milesFrom', { ...options, city: { name: 'Akron' } } as never)
    expect(spy).toHaveBeenCalledTimes(4)
  })
})
