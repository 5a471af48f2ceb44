import { describe, expect, it } from 'vitest'
import { facilitySearchAlternatives, facilitySearchKey, facilitySearchKeys } from '~/domain/search/facility-text'

describe('facility search keys', () => {
  it.each([
    ['Saint Mary’s Medical Center', 'saint marys medical center'],
    ["ST. MARY'S HOSPITAL", 'st marys hospital'],
    ['ST MARYS HOSPITAL', 'st marys hospital'],
    ['Mary‘s\u00A0 Hospital', 'marys hospital'],
    ['Hôpital Saint\u2011Luc', 'hopital saint-luc'],
    ['Pe\u0301rez\u200B Clinic', 'perez clinic'],
    ['100% Care_Center', '100% care_center'],
    [" ' . ", ''],
  ])('%s → %s', (text, key) => {
    expect(facilitySearchKey(text)).toBe(key)
  })

  it('are made from the name and the city', () => {
    expect(facilitySearchKeys({ name: 'Saint Mary’s Hospital', city: 'SAINT LOUIS' })).toEqual({ nameKey: 'saint marys hospital', cityKey: 'saint louis' })
  })
})

describe('what a search text is looked for as', () => {
  it.each([
    ["Mary's", ['marys']],
    ['mary’s', ['marys']],
    ["MARY'S", ['marys']],
    ['Marys', ['marys']],
    ["Saint Mary's", ['saint marys', 'st marys']],
    ['St Marys', ['st marys', 'saint marys']],
    ['St. Mary’s', ['st marys', 'saint marys']],
    // "st" alone is part of too many names (West, Crest) to stand for "saint".
    ['Saint', ['saint']],
    ['st', ['st']],
    ['West Hospital', ['west hospital']],
    ["'", []],
    ['', []],
  ])('%s → %j', (text, keys) => {
    expect(facilitySearchAlternatives(text)).toEqual(keys)
  })

  it('finds every spelling of Saint Mary’s in the stored keys', () => {
    const stored = ['Saint Mary’s Medical Center', "ST. MARY'S HOSPITAL", 'ST MARYS HOSPITAL', "SAINT MARY'S HOSPITAL"].map(facilitySearchKey)
    for (const text of ["Mary's", 'mary’s', "MARY'S", "Saint Mary's", 'St Marys', 'Marys']) {
      const keys = facilitySearchAlternatives(text)
      expect(stored.filter((name) => keys.some((key) => name.includes(key))), text).toHaveLength(4)
    }
  })
})
