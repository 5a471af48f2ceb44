import { useTranslation } from '~/i18n/use-translation'
import type { MemberCost } from '~/domain/benefits/member-cost'
import type { TravelEstimate } from '~/domain/travel/travel-estimate'
import { useLocaleFormat } from './use-locale-format'

/** What the member pays at a center, and how it adds up (DESIGN §4). Also the employer's member preview (English there). */
export function MemberCostBreakdown({ cost, incentiveCents }: { cost: MemberCost; incentiveCents: number }) {
  const { t } = useTranslation()
  const { t: tc } = useTranslation('care')
  const format = useLocaleFormat()
  const money = (cents: number) => format.money(cents)
  const parts = [
    cost.hsaMinimumCents > 0 ? `${t('terms.hsaMinimum.term')} ${money(cost.hsaMinimumCents)}` : null,
    cost.deductibleCents > 0 ? `${t('terms.deductible.term').toLowerCase()} ${money(cost.deductibleCents)}` : null,
    cost.coinsuranceCents > 0 ? `${t('terms.coinsurance.term').toLowerCase()} ${money(cost.coinsuranceCents)}` : null,
    cost.copayCents > 0 ? `${t('terms.copay.term').toLowerCase()} ${money(cost.copayCents)}` : null,
  ].filter(Boolean)
  return (
    <>
      <strong>{money(cost.memberPaysCents)}</strong>
      {parts.length > 0 ? <div className="small muted">{parts.join(' + ')}</div> : null}
      {cost.isCapped ? <div className="small muted">{tc('center.oopReached', { amount: money(cost.memberPaysCents), uncapped: money(cost.uncappedCents) })}</div> : null}
      {incentiveCents > 0 ? <div className="small">{tc('center.incentiveDetail', { amount: money(incentiveCents) })}</div> : null}
    </>
  )
}

/** Whether travel is covered and the estimate's parts. */
export function TravelSummary({ travel }: { travel: TravelEstimate }) {
  const { t } = useTranslation('care')
  const format = useLocaleFormat()
  if (!travel.isCovered) return <span className="small">{t('travel.notCovered', { miles: travel.minDistanceMiles })}</span>
  return (
    <>
      <strong>{t('travel.covered', { amount: format.moneyWhole(travel.totalCents) })}</strong>
      <div className="small muted">
        {t('travel.parts', {
          mode: t(travel.mode === 'fly' ? 'travel.flights' : 'travel.mileage'),
          transport: format.moneyWhole(travel.transportCents),
          nights: t('travel.nights', { count: travel.nights, amount: format.moneyWhole(travel.lodgingCents) }),
          meals: format.moneyWhole(travel.mealsCents),
          persons: t('travel.persons', { count: travel.persons }),
        })}
        {travel.isCapped ? t('travel.capped') : ''}
      </div>
    </>
  )
}
