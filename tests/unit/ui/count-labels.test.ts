import { describe, expect, it } from 'vitest'
import { translatorFor } from '~/i18n/translator'
import { countOf } from '~/ui/format'

/*
 * Count labels say "1 offer", never "1 offers" (issue 24 follow-up: the program page's heading read
 * "Network (1 offers)"). English-only pages count through countOf; member pages through i18next's
 * plural keys (key_one / key_other) in English and Spanish.
 */
describe('countOf', () => {
  it.each([
    [0, 'offer', undefined, '0 offers'],
    [1, 'offer', undefined, '1 offer'],
    [2, 'offer', undefined, '2 offers'],
    [1_250, 'covered member', undefined, '1,250 covered members'],
    [1, 'facility', 'facilities', '1 facility'],
    [3, 'facility', 'facilities', '3 facilities'],
    [1, 'more employer', 'more employers', '1 more employer'],
  ])('%i %s → %s', (n, one, other, text) => {
    expect(countOf(n, one, other)).toBe(text)
  })
})

describe('member pages count through i18next plural keys', () => {
  const date = 'January 1, 2027'
  it.each([
    ['en', 1, '1 center in the program · in place since January 1, 2027'],
    ['en', 4, '4 centers in the program · in place since January 1, 2027'],
    ['es', 1, '1 centro en el programa · vigente desde el January 1, 2027'],
    ['es', 4, '4 centros en el programa · vigente desde el January 1, 2027'],
  ] as const)('the program summary in %s for %i', (language, count, text) => {
    expect(translatorFor(language).t('home.network', { ns: 'care', count, date })).toBe(text)
  })

  it.each([
    ['en', 1, '1 patient'],
    ['en', 250, '250 patients'],
    ['es', 1, '1 paciente'],
    ['es', 250, '250 pacientes'],
  ] as const)('the quality facts denominator in %s for %i', (language, count, text) => {
    expect(translatorFor(language).t('facts.patients', { ns: 'care', count })).toBe(text)
  })
})
