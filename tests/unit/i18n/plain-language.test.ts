import { fleschKincaid } from 'flesch-kincaid'
import { syllable } from 'syllable'
import { describe, expect, it } from 'vitest'
import { messages } from '~/i18n/messages'

/** Every English sentence (six words or more) the member pages can show, placeholders filled with short sample words. */
function sentences(value: unknown): string[] {
  if (typeof value === 'string') {
    const text = value.replace(/<\/?\w+>/g, '').replace(/\{\{(\w+)\}\}/g, (_m, name: string) => (/count|miles|days|stars|percent/.test(name) ? '3' : 'Ohio'))
    // Sentences, not labels: a one- or two-word label would pull the average down.
    return text.split(/(?<=[.!?:])\s+/).filter((s) => (s.match(/[A-Za-z]{2,}/g) ?? []).length >= 6)
  }
  if (value && typeof value === 'object') return Object.values(value).flatMap(sentences)
  return []
}

function grade(texts: string[]): number {
  const words = texts.flatMap((t) => t.match(/[A-Za-z’'-]+/g) ?? [])
  const syllables = words.reduce((sum, w) => sum + syllable(w), 0)
  return fleschKincaid({ sentence: texts.length, word: words.length, syllable: syllables })
}

// Issue 11: member-facing text at about grade 8. Measured with the Flesch–Kincaid grade level
// over the whole of each namespace (product names and CMS measure names included).
describe('plain language of the member pages (English)', () => {
  it.each(Object.keys(messages.en))('the %s messages read at about grade 8 or below', (namespace) => {
    const texts = sentences(messages.en[namespace as keyof typeof messages.en])
    expect(texts.length).toBeGreaterThan(10)
    const level = grade(texts)
    expect(level, `${namespace}: Flesch–Kincaid grade ${level.toFixed(1)}`).toBeLessThanOrEqual(8.5)
  })

  it('the measure really tells hard text from plain text', () => {
    expect(grade(['Your plan pays the rest.', 'You pay $0 here.'])).toBeLessThan(4)
    expect(grade(['Notwithstanding the aforementioned contractual stipulations, beneficiaries shall remit coinsurance obligations contemporaneously.'])).toBeGreaterThan(14)
  })
})
