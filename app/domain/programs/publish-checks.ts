/** What a draft program version holds, as the publish checks need it. */
export interface DraftForPublish {
  effectiveFrom: string
  effectiveTo: string | null
  procedures: ReadonlyArray<{ id: string; name: string; typicalNights: number }>
  network: ReadonlyArray<{ procedureId: string; facilityName: string; offerStatus: 'active' | 'withdrawn'; validFrom: string; validTo: string | null }>
  travel: { lodgingNights: number | null; lodgingNightlyCapCents: number; travelCapCents: number; minDistanceMiles: number; flyThresholdMiles: number } | null
  /** Start date of the newest published version of the same program, if any. */
  previousEffectiveFrom: string | null
}

export type PublishSection = 'details' | 'procedures' | 'network' | 'travel'
export interface PublishProblem {
  section: PublishSection
  message: string
}

/**
 * Everything that must hold before a draft version is published (DESIGN §3): dates not in the
 * past and in order, at least one procedure, an in-force offer for every covered procedure, and a
 * travel cap that pays for at least one night of lodging. ISO dates compare as strings.
 */
export function publishProblems(draft: DraftForPublish, today: string): PublishProblem[] {
  const problems: PublishProblem[] = []
  if (draft.effectiveFrom < today) problems.push({ section: 'details', message: `The start date ${draft.effectiveFrom} is in the past: choose today (${today}) or later` })
  if (draft.effectiveTo !== null && draft.effectiveTo < draft.effectiveFrom) problems.push({ section: 'details', message: 'The end date is before the start date' })
  if (draft.previousEffectiveFrom !== null && draft.effectiveFrom <= draft.previousEffectiveFrom) {
    problems.push({ section: 'details', message: `The start date must be after the previous version's start (${draft.previousEffectiveFrom})` })
  }
  if (draft.procedures.length === 0) problems.push({ section: 'procedures', message: 'Choose at least one procedure to cover' })
  for (const procedure of draft.procedures) {
    const offers = draft.network.filter((o) => o.procedureId === procedure.id)
    const inForce = offers.filter((o) => o.offerStatus === 'active' && o.validFrom <= draft.effectiveFrom && (o.validTo === null || o.validTo >= draft.effectiveFrom))
    if (offers.length === 0) problems.push({ section: 'network', message: `The network has no center for ${procedure.name}` })
    else if (inForce.length === 0) problems.push({ section: 'network', message: `No center's offer for ${procedure.name} is valid on ${draft.effectiveFrom}` })
    for (const offer of offers) {
      if (offer.offerStatus === 'withdrawn') problems.push({ section: 'network', message: `${offer.facilityName} has withdrawn its ${procedure.name} offer: remove it from the network` })
      else if (offer.validTo !== null && offer.validTo < draft.effectiveFrom) problems.push({ section: 'network', message: `${offer.facilityName}'s ${procedure.name} offer ends ${offer.validTo}, before the program starts` })
    }
  }
  if (!draft.travel) problems.push({ section: 'travel', message: 'Set the travel rules' })
  else {
    const oneNight = draft.travel.lodgingNightlyCapCents
    if (draft.travel.lodgingNights !== 0 && draft.travel.travelCapCents < oneNight) {
      problems.push({ section: 'travel', message: 'The travel cap is below one night of lodging' })
    }
    if (draft.travel.flyThresholdMiles < draft.travel.minDistanceMiles) problems.push({ section: 'travel', message: 'The flying distance is below the distance from which travel is covered' })
  }
  return problems
}
