import { useTranslation } from '~/i18n/use-translation'
import { formatDate } from './format'

/**
 * What an offer is and whether its hospital is still listed (issue 19): a seed-made offer says
 * "Demo offer" wherever it is shown; on the employer's and broker's pages a hospital CMS no longer
 * lists is flagged with the date (members no longer see it).
 */
export function OfferLabels({ isDemo, inactiveSince }: { isDemo: boolean | number; inactiveSince?: string | null }) {
  const { t } = useTranslation('care')
  return (
    <>
      {isDemo ? (
        <span className="badge badge--demo" title={t('offer.demoHelp')}>
          {t('offer.demo')}
        </span>
      ) : null}
      {inactiveSince ? (
        <span className="badge badge--inactive" title="Not in the latest CMS Hospital General Information release: members no longer see it, new networks cannot add it">
          Not listed by CMS since {formatDate(inactiveSince.slice(0, 10))}
        </span>
      ) : null}
    </>
  )
}
