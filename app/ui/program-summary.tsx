import type { ProgramRules } from '~/db/schema'
import { formatCents } from '~/domain/money'
import { formatPercent } from './format'

/** Benefit and travel rules of one program version, as the repositories select them. */
export type ProgramRulesView = ProgramRules

const OUTSIDE_RULE_LABEL = {
  plan_terms: 'Normal plan terms',
  higher_coinsurance: 'Higher coinsurance',
  not_covered: 'Not covered',
} as const

/** Benefit and travel rules as two fact lists (employer and broker pages). */
export function ProgramRules({ rules }: { rules: ProgramRulesView }) {
  const yesNo = (value: 0 | 1) => (value ? 'Yes' : 'No')
  return (
    <div className="grid-2">
      <section className="card" aria-labelledby="benefit-rules">
        <h2 id="benefit-rules">Benefit rules</h2>
        <dl className="facts">
          <div><dt>Deductible waived</dt><dd>{yesNo(rules.deductibleWaived)}</dd></div>
          <div><dt>Coinsurance waived</dt><dd>{yesNo(rules.coinsuranceWaived)}</dd></div>
          <div><dt>COE copay</dt><dd>{formatCents(rules.coeCopayCents)}</dd></div>
          <div><dt>Completion incentive</dt><dd>{formatCents(rules.completionIncentiveCents)}</dd></div>
          <div>
            <dt>Same procedure outside the program</dt>
            <dd>
              {OUTSIDE_RULE_LABEL[rules.outsideRule]}
              {rules.outsideRule === 'higher_coinsurance' && rules.outsideCoinsuranceRate !== null
                ? ` (${formatPercent(rules.outsideCoinsuranceRate)})`
                : ''}
            </dd>
          </div>
        </dl>
      </section>
      <section className="card" aria-labelledby="travel-rules">
        <h2 id="travel-rules">Travel rules</h2>
        <dl className="facts">
          <div><dt>Travel covered from</dt><dd>{rules.minDistanceMiles} miles from home</dd></div>
          <div><dt>Companion covered</dt><dd>{yesNo(rules.companionCovered)}</dd></div>
          <div><dt>Drive below / fly above</dt><dd>{rules.flyThresholdMiles} miles</dd></div>
          <div><dt>Mileage rate</dt><dd>{formatCents(rules.mileageRateCents)} per mile</dd></div>
          <div><dt>Airfare allowance</dt><dd>{formatCents(rules.airfareAllowanceCents)} per person</dd></div>
          <div>
            <dt>Lodging</dt>
            <dd>
              {rules.lodgingNights === null ? "each procedure's nights away (catalog: 5 for a hip or knee)" : `${rules.lodgingNights} nights`}, up to{' '}
              {formatCents(rules.lodgingNightlyCapCents)} a night
            </dd>
          </div>
          <div><dt>Meals</dt><dd>{formatCents(rules.mealsPerDiemCents)} per person per day</dd></div>
          <div><dt>Travel cap per case</dt><dd>{formatCents(rules.travelCapCents)}</dd></div>
        </dl>
      </section>
    </div>
  )
}
