/**
 * What one case costs the employer, and the savings (DESIGN §4):
 * at the COE = bundle + travel + completion incentive − member cost;
 * outside = typical local price − member cost outside; savings = outside − COE.
 */
export function caseEconomics(input: {
  bundleCents: number
  travelCents: number
  incentiveCents: number
  coeMemberCents: number
  outsidePriceCents: number
  outsideMemberCents: number
}) {
  const coeEmployerCents = input.bundleCents + input.travelCents + input.incentiveCents - input.coeMemberCents
  const outsideEmployerCents = input.outsidePriceCents - input.outsideMemberCents
  return { coeEmployerCents, outsideEmployerCents, savingsCents: outsideEmployerCents - coeEmployerCents }
}
