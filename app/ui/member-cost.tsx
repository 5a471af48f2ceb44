import type { MemberCost } from '~/domain/benefits/member-cost'
import { formatCents } from '~/domain/money'
import type { TravelEstimate } from '~/domain/travel/travel-estimate'

/** What the member pays at a center, and how it adds up (DESIGN §4). */
export function MemberCostBreakdown({ cost, incentiveCents }: { cost: MemberCost; incentiveCents: number }) {
  const parts = [
    cost.hsaMinimumCents > 0 ? `IRS minimum deductible ${formatCents(cost.hsaMinimumCents)}` : null,
    cost.deductibleCents > 0 ? `deductible ${formatCents(cost.deductibleCents)}` : null,
    cost.coinsuranceCents > 0 ? `coinsurance ${formatCents(cost.coinsuranceCents)}` : null,
    cost.copayCents > 0 ? `copay ${formatCents(cost.copayCents)}` : null,
  ].filter(Boolean)
  return (
    <>
      <strong>{formatCents(cost.memberPaysCents)}</strong>
      {parts.length > 0 ? <div className="small muted">{parts.join(' + ')}</div> : null}
      {cost.isCapped ? <div className="small muted">capped by the out-of-pocket maximum</div> : null}
      {incentiveCents > 0 ? <div className="small">gets {formatCents(incentiveCents)} back after the procedure</div> : null}
    </>
  )
}

/** Whether travel is covered and the estimate's parts. */
export function TravelSummary({ travel }: { travel: TravelEstimate }) {
  if (!travel.isCovered) return <span className="small">Not covered: closer than {travel.minDistanceMiles} miles</span>
  return (
    <>
      <strong>{formatCents(travel.totalCents, { wholeDollars: true })}</strong> covered
      <div className="small muted">
        {travel.mode === 'fly' ? 'flights' : 'mileage'} {formatCents(travel.transportCents, { wholeDollars: true })} + {travel.nights} {travel.nights === 1 ? 'night' : 'nights'}{' '}
        {formatCents(travel.lodgingCents, { wholeDollars: true })} + meals {formatCents(travel.mealsCents, { wholeDollars: true })}, {travel.persons}{' '}
        {travel.persons === 1 ? 'person' : 'people'}
        {travel.isCapped ? ' (capped)' : ''}
      </div>
    </>
  )
}
