import { nameKey } from '~/domain/roster/names'

/**
 * Facility search on text (issue 18): names come from CMS ("ST. MARY'S HOSPITAL", "ST MARYS
 * HOSPITAL") and from people who type ’ for ' ("Saint Mary’s Medical Center"), and people search
 * for "Mary's", "MARY’S", "Marys" or "St Marys". Names and cities are stored with a key made here,
 * and the search text goes through the same function, so that all of those match.
 */

/**
 * The key facility names and cities are searched on: `nameKey` (NFC, look-alike apostrophes,
 * hyphens and spaces made plain, invisible characters and accents removed, lower case), then
 * without apostrophes and full stops ("St. Mary’s" → "st marys"). Empty when nothing is left.
 */
export function facilitySearchKey(text: string): string {
  return nameKey(text).replace(/['.]/g, '').replace(/ {2,}/g, ' ').trim()
}

/** The stored search keys of a facility, from its name and city. */
export function facilitySearchKeys(facility: { name: string; city: string }): { nameKey: string; cityKey: string } {
  return { nameKey: facilitySearchKey(facility.name), cityKey: facilitySearchKey(facility.city) }
}

/**
 * The keys a search text is looked for as (each a part of a name or city key): its own key,
 * plus the same with "saint" written "st" and "st" written "saint" where either is a word followed
 * by another word ("Saint Mary's" also finds "ST MARYS"; "Saint" alone is not "st", which is part
 * of too many names). No key at all when the text has nothing searchable.
 */
export function facilitySearchAlternatives(text: string): string[] {
  const key = facilitySearchKey(text)
  if (key === '') return []
  const words = key.split(' ')
  const swap = (from: string, to: string) => words.map((word, i) => (word === from && i < words.length - 1 ? to : word)).join(' ')
  return [...new Set([key, swap('saint', 'st'), swap('st', 'saint')])]
}
