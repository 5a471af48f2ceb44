import { createElement } from 'react'
import { renderToStaticMarkup } from 'react-dom/server'
import { I18nextProvider, Trans } from 'react-i18next'
import { describe, expect, it } from 'vitest'
import { LANGUAGES } from '~/i18n/languages'
import { messages, type Namespace } from '~/i18n/messages'
import { fixedT, translatorFor } from '~/i18n/translator'
import { flattenMessages as flatten } from '../../support/flatten-messages'


/** What a translation must keep as is: {{placeholders}} and <tags> for links. */
const placeholders = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}|<\/?(\w+)\s*\/?>/g)].map((m) => m[0].replace(/\s/g, '')).sort()

describe.each<Namespace>(['auth', 'cases'])('the %s messages', (namespace) => {
  const en = flatten(messages.en[namespace])
  const es = flatten(messages.es[namespace])

  it('have the same keys in Spanish as in English, none of them empty', () => {
    expect(en.size).toBeGreaterThan(0)
    expect([...es.keys()].sort()).toEqual([...en.keys()].sort())
    for (const [key, text] of [...en, ...es]) expect(text.trim(), key).not.toBe('')
  })

  it('keep every placeholder and link tag of the English text in the Spanish one', () => {
    for (const [key, text] of en) expect(placeholders(es.get(key)!), key).toEqual(placeholders(text))
  })

  it('name their link tags with words that are not empty HTML elements (a <link> would swallow nothing and leave its text outside)', () => {
    const VOID = ['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']
    const tags = [...en.values(), ...es.values()].flatMap((text) => [...text.matchAll(/<(\w+)>/g)].map((m) => m[1]!))
    expect(tags.filter((tag) => VOID.includes(tag.toLowerCase()))).toEqual([])
  })

  it('are translated, not copied (beyond names and formats that read the same in both)', () => {
    const same = [...en].filter(([key, text]) => es.get(key) === text && !/^[{}\w\s:]*$/.test(text.replace(/\{\{\w+\}\}/g, '')))
    expect(same.map(([key]) => key)).toEqual([])
  })
})

describe.each(LANGUAGES)('a message with a link in %s', (language) => {
  it('puts its words inside the link', () => {
    const t = fixedT(language, 'cases')
    const html = renderToStaticMarkup(
      createElement(I18nextProvider, { i18n: translatorFor(language) }, createElement(Trans, { t, i18nKey: 'list.empty', components: { search: createElement('a', { href: '/member/care' }) } })),
    )
    expect(html).toMatch(/<a href="\/member\/care">[^<]+<\/a>/)
  })
})
