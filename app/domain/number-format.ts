/**
 * Whole numbers and dollar amounts as Intl.NumberFormat writes them in en-US and es-US (the
 * portal's two locales, which write numbers alike), without building a NumberFormat: a browser
 * loads ICU's number data for its first NumberFormat, 50–100 ms on these machines, which was the
 * largest single piece of the find-care page's start-up (issue 24: Lighthouse's total blocking
 * time). Intl's output exactly (tests/unit/domain/number-format.test.ts compares the two over
 * thousands of values); null for another locale or a value these do not cover (a fraction, an
 * unsafe integer, negative zero), which the caller then gives to Intl.
 */
const LOCALES_WRITTEN_HERE = new Set(['en-US', 'es-US'])

/** "1234567" → "1,234,567". */
function groupThousands(digits: string): string {
  const head = digits.length % 3 || 3
  let out = digits.slice(0, head)
  for (let i = head; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`
  return out
}

const covered = (value: number, locale: string) => LOCALES_WRITTEN_HERE.has(locale) && Number.isSafeInteger(value) && !Object.is(value, -0)

/** An integer as `new Intl.NumberFormat(locale).format(value)` writes it, or null. */
export function wholeNumberText(value: number, locale: string): string | null {
  if (!covered(value, locale)) return null
  return `${value < 0 ? '-' : ''}${groupThousands(String(Math.abs(value)))}`
}

/**
 * Up to $10 trillion: Intl is handed `cents / 100` as a double, exact to the cent only below ~$22 trillion
 * (past it the two would differ, and Intl's text is then the one a caller gets).
 */
const MAX_CENTS = 1e15

/**
 * Integer cents as Intl's USD currency format: whole dollars (`cents` a multiple of 100) with no
 * fraction digits, otherwise with two; or null.
 */
export function dollarsText(cents: number, wholeDollars: boolean, locale: string): string | null {
  if (!covered(cents, locale) || Math.abs(cents) >= MAX_CENTS || (wholeDollars && cents % 100 !== 0)) return null
  const sign = cents < 0 ? '-' : ''
  const abs = Math.abs(cents)
  const dollars = groupThousands(String(Math.floor(abs / 100)))
  return wholeDollars ? `${sign}$${dollars}` : `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`
}
