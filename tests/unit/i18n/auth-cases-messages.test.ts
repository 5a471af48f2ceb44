import { describe, expect, it } from 'vitest'
import { messages, type Namespace } from '~/i18n/messages'

/** Every message of a namespace as "a.b.c" → text. */
function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>()
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key
    if (typeof value === 'string') out.set(path, value)
    else for (const [inner, text] of flatten(value as object, path)) out.set(inner, text)
  }
  return out
}

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

  it('are translated, not copied (beyond names and formats that read the same in both)', () => {
    const same = [...en].filter(([key, text]) => es.get(key) === text && !/^[{}\w\s:]*$/.test(text.replace(/\{\{\w+\}\}/g, '')))
    expect(same.map(([key]) => key)).toEqual([])
  })
})
