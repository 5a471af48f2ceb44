import { useTranslation } from '~/i18n/use-translation'
import { formatCents } from '~/domain/money'
import { wholeNumberText } from '~/domain/number-format'
import { isLanguage, LOCALES } from '~/i18n/languages'
import { formatDate } from './format'

const countFormats = new Map<string, Intl.NumberFormat>()

/** Money, counts and dates in the page's language (issue 11): "$1,234" and "23 nov 2026" in es-US. */
export function useLocaleFormat() {
  const { i18n } = useTranslation()
  const locale = LOCALES[isLanguage(i18n.language) ? i18n.language : 'en']
  // Built only for a count the portal's own writer does not cover (a fraction): a browser's first NumberFormat is slow to build.
  const counts = () => {
    let format = countFormats.get(locale)
    if (!format) countFormats.set(locale, (format = new Intl.NumberFormat(locale)))
    return format
  }
  return {
    locale,
    /** Whole dollars when the amount has no cents. */
    money: (cents: number) => formatCents(cents, { wholeDollars: cents % 100 === 0, locale }),
    moneyWhole: (cents: number) => formatCents(cents, { wholeDollars: true, locale }),
    count: (value: number) => wholeNumberText(value, locale) ?? counts().format(value),
    date: (isoDate: string) => formatDate(isoDate, locale),
  }
}
