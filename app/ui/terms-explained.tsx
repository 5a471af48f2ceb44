import { useTranslation } from '~/i18n/use-translation'

export type TermKey = 'centerOfExcellence' | 'bundle' | 'deductible' | 'coinsurance' | 'copay' | 'outOfPocketMax' | 'hsaMinimum' | 'incentive'

/**
 * Plain-language meanings of the terms of art a member page uses (issue 11), right where they
 * are used: a disclosure that works without JavaScript and with a keyboard.
 */
export function TermsExplained({ terms }: { terms: readonly TermKey[] }) {
  const { t } = useTranslation()
  return (
    <details className="terms">
      <summary>{t('terms.title')}</summary>
      <dl>
        {terms.map((key) => (
          <div key={key}>
            <dt>{t(`terms.${key}.term`)}</dt>
            <dd>{t(`terms.${key}.meaning`)}</dd>
          </div>
        ))}
      </dl>
    </details>
  )
}
