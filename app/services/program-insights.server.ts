import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { listHealthPlans } from '~/db/repositories/health-plans.server'
import { listAreaMarketPrices } from '~/db/repositories/market-prices.server'
import { listCandidatePlaces, listOfferFacts } from '~/db/repositories/programs.server'
import { listCoveredMemberGroups, listCoveredMemberZips } from '~/db/repositories/roster.server'
import type { Database } from '~/db/schema'
import { coeMemberCost, memberPlanFromTerms, outsideMemberCost } from '~/domain/benefits/member-cost'
import { toIsoDate } from '~/domain/dates'
import { distanceMiles } from '~/domain/geo/distance'
import { buildMemberIndex, memberReach, type MemberPlace, type MemberReach } from '~/domain/geo/member-reach'
import { DEFAULT_NETWORK_FILTER, type NetworkFilter } from '~/forms/program'
import { caseEconomics } from '~/domain/savings/case-economics'
import { projectProgram, type ProjectionAssumptions } from '~/domain/savings/program-projection'
import type { PlanMemberGroup } from '~/domain/proposals/member-cost'
import { estimateTravel } from '~/domain/travel/travel-estimate'
import type { EmployerScope } from '~/domain/tenancy'
import { zipPlace } from '~/integrations/zip-geocoding.server'
import { notFound } from '~/http/responses.server'
import { listNetworkContractBacking } from './contract-backing.server'
import { benefitOf, irsMinimumDeductibles, localPrices, outsideRuleOf, travelRulesOf, type StoredRules } from './plan-terms.server'
import { getProgramDetail } from './programs.server'

type ProgramDetail = Awaited<ReturnType<typeof getProgramDetail>>
/**
 * The employer's covered members as projection groups (home ZIP × plan × coverage), each with the
 * typical local prices of its state. Members whose ZIP the geodata does not know, or who have no
 * plan, are counted apart so the page can say so.
 */
/** The employer's covered members grouped by ZIP, plan and coverage, with the local outside price and their plan terms (projections, scenarios, proposals). */
export async function memberGroups(db: Kysely<Database>, scope: EmployerScope, procedures: ReadonlyArray<{ id: string; code: string }>, now: Date) {
  const [rows, plans, prices, irs] = await Promise.all([
    listCoveredMemberGroups(db, scope, toIsoDate(now)),
    listHealthPlans(db, scope),
    listAreaMarketPrices(db, procedures.map((p) => p.id)),
    irsMinimumDeductibles(db, now.getUTCFullYear()),
  ])
  const planById = new Map(plans.map((plan) => [plan.id, plan]))
  const local = localPrices(prices, procedures)
  const groups: PlanMemberGroup[] = []
  let unknownZip = 0
  let noPlan = 0
  for (const row of rows) {
    const members = Number(row.members)
    const place = zipPlace(row.zip)
    const plan = row.healthPlanId ? planById.get(row.healthPlanId) : undefined
    if (!place) unknownZip += members
    else if (!plan) noPlan += members
    else {
      groups.push({
        home: place,
        members,
        outsidePriceCents: local.forState(place.state),
        planName: plan.name,
        coverage: row.coverageTier === 'employee' ? 'individual' : 'family',
        plan: memberPlanFromTerms({ ...plan, isHsaQualified: plan.isHsaQualified === 1 }, row.coverageTier === 'employee' ? 'individual' : 'family', irs),
      })
    }
  }
  return { groups, unknownZip, noPlan, nationalPrices: local.national, irs }
}

export interface ProjectionSettings {
  adoptionRate: number
  /** Incidence per 1,000 members by procedure code; missing codes use the catalog default. */
  incidence: Record<string, number>
}

/** DESIGN §4's projection on this employer's roster for one version of a program, with the assumptions used. */
/** What a projection needs of a program version or a broker's scenario. */
export type ProjectableDesign = Pick<ProgramDetail, 'procedures' | 'network'> & { rules: StoredRules | null }

export async function getProgramProjection(detail: ProjectableDesign, scope: EmployerScope, settings: ProjectionSettings, now = new Date()) {
  const db = getDb()
  const { groups, unknownZip, noPlan, nationalPrices } = await memberGroups(db, scope, detail.procedures, now)
  const incidence = Object.fromEntries(detail.procedures.map((p) => [p.code, settings.incidence[p.code] ?? p.incidencePerThousand]))
  if (!detail.rules) return null
  const assumptions: ProjectionAssumptions = {
    adoptionRate: settings.adoptionRate,
    benefit: { ...benefitOf(detail.rules), completionIncentiveCents: detail.rules.completionIncentiveCents },
    outsideRule: outsideRuleOf(detail.rules),
    travel: travelRulesOf(detail.rules),
  }
  const procedures = detail.procedures.map((p) => ({
    code: p.code,
    incidencePerThousand: incidence[p.code]!,
    nightsAway: p.nightsAway,
    centers: detail.network
      .filter((row) => row.procedureId === p.id && row.latitude !== null && row.longitude !== null)
      .map((row) => ({ facilityId: row.facilityId, location: { latitude: row.latitude!, longitude: row.longitude! }, bundleCents: row.bundlePriceCents })),
  }))
  const rows = projectProgram(groups, procedures, assumptions)
  const members = groups.reduce((sum, g) => sum + g.members, 0)
  const total = rows.reduce(
    (sum, row) => ({
      expectedCases: sum.expectedCases + row.expectedCases,
      programCases: sum.programCases + row.programCases,
      spendWithoutProgramCents: sum.spendWithoutProgramCents + row.spendWithoutProgramCents,
      spendWithProgramCents: sum.spendWithProgramCents + row.spendWithProgramCents,
    }),
    { expectedCases: 0, programCases: 0, spendWithoutProgramCents: 0, spendWithProgramCents: 0 },
  )
  return {
    members,
    unknownZip,
    noPlan,
    incidence,
    adoptionRate: settings.adoptionRate,
    nationalPrices,
    rows: rows.map((row) => ({ ...row, name: detail.procedures.find((p) => p.code === row.code)!.name })),
    total: { ...total, netSavingsCents: total.spendWithoutProgramCents - total.spendWithProgramCents },
  }
}

/**
 * The network picker for a draft (issue 24): the marketplace's offers for its procedures ranked by
 * the share of this employer's members within 100 miles, filtered and paged as `filter` says.
 */
export async function getNetworkChoices(scope: EmployerScope, programId: string, filter: NetworkFilter = DEFAULT_NETWORK_FILTER, now = new Date()) {
  const detail = await getProgramDetail(scope, programId, null, now)
  if (!detail.isEditable) throw notFound('Draft version')
  return { detail, ...(await buildNetworkChoices(scope, detail.procedures, detail.network.map((row) => row.offerId), detail.current.effectiveFrom, filter, now)) }
}

/** Miles around a candidate within which its members are counted (DESIGN §4's local radius for the picker). */
const REACH_MILES = 100

/**
 * The candidate offers for these procedures, each with the share of the employer's covered members
 * within 100 miles and the nearest member's distance; ranked nearest-to-members first (then price,
 * name, id), filtered, and cut to one page. The map gets the filtered candidates' places as one
 * compact array (2 decimals), the page's first; the counts by procedure and the states come whole.
 */
export async function buildNetworkChoices(
  scope: EmployerScope,
  procedures: ReadonlyArray<{ id: string; code: string; name: string }>,
  chosenOfferIds: readonly string[],
  startDate: string,
  filter: NetworkFilter = DEFAULT_NETWORK_FILTER,
  now = new Date(),
) {
  const db = getDb()
  const today = toIsoDate(now)
  const [offers, zips] = await Promise.all([listCandidatePlaces(db, procedures.map((p) => p.id)), listCoveredMemberZips(db, scope, today)])
  const byZip = new Map<string, MemberPlace>()
  let unknownZip = 0
  for (const row of zips) {
    const members = Number(row.members)
    const place = zipPlace(row.zip)
    if (!place) {
      unknownZip += members
      continue
    }
    const key = `${place.latitude},${place.longitude}`
    const known = byZip.get(key)
    if (known) known.members += members
    else byZip.set(key, { latitude: place.latitude, longitude: place.longitude, members })
  }
  const index = buildMemberIndex([...byZip.values()])
  const members = index.total + unknownZip
  const reachOf = new Map<string, MemberReach | null>()
  const chosen = new Set(chosenOfferIds)
  const errors: string[] = []
  let { procedure: procedureCode } = filter
  const procedureId = procedureCode ? procedures.find((p) => p.code === procedureCode)?.id : undefined
  if (procedureCode && !procedureId) {
    errors.push('Choose a procedure from the list')
    procedureCode = null
  }
  const all = offers.map((offer) => {
    let reach = reachOf.get(offer.facilityId)
    if (reach === undefined) {
      reach = offer.latitude === null || offer.longitude === null ? null : memberReach(index, { latitude: offer.latitude, longitude: offer.longitude }, REACH_MILES)
      reachOf.set(offer.facilityId, reach)
    }
    return {
      offer,
      isChosen: chosen.has(offer.offerId),
      // Of every covered member, those whose ZIP the geodata does not know included (they are never "within").
      share: members === 0 ? 0 : (reach?.membersWithin ?? 0) / members,
      within: reach?.membersWithin ?? 0,
      nearest: reach?.nearestMiles ?? null,
    }
  })
  const maxPriceCents = filter.maxPriceDollars === null ? null : filter.maxPriceDollars * 100
  const filtered = all
    .filter(
      (r) =>
        (!procedureId || r.offer.procedureId === procedureId) &&
        (filter.show === 'all' || r.isChosen) &&
        (!filter.state || r.offer.state === filter.state) &&
        (filter.near === null || (r.nearest !== null && r.nearest <= filter.near)) &&
        (filter.stars === null || (r.offer.starRating !== null && r.offer.starRating >= filter.stars)) &&
        (maxPriceCents === null || r.offer.priceCents <= maxPriceCents),
    )
    .sort(
      (a, b) =>
        b.share - a.share ||
        a.offer.priceCents - b.offer.priceCents ||
        a.offer.facilityName.localeCompare(b.offer.facilityName) ||
        (a.offer.offerId < b.offer.offerId ? -1 : a.offer.offerId > b.offer.offerId ? 1 : 0),
    )
  const pages = Math.max(1, Math.ceil(filtered.length / filter.per))
  let page = filter.page
  if (page > pages) {
    errors.push(`There ${pages === 1 ? 'is only 1 page' : `are only ${pages.toLocaleString('en-US')} pages`} with these filters: showing the last`)
    page = pages
  }
  const slice = filtered.slice((page - 1) * filter.per, page * filter.per)
  const facts = new Map((await listOfferFacts(db, slice.map((r) => r.offer.offerId))).map((f) => [f.offerId, f]))
  const procedureOf = new Map(procedures.map((p) => [p.id, p]))
  const rows = slice.flatMap(({ offer, isChosen, share, within, nearest }) => {
    const fact = facts.get(offer.offerId)
    const procedure = procedureOf.get(offer.procedureId)
    if (!fact || !procedure) return []
    return [
      {
        offerId: offer.offerId,
        procedureId: offer.procedureId,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        facilityId: offer.facilityId,
        facilityName: offer.facilityName,
        city: fact.city,
        state: offer.state,
        healthSystemName: fact.healthSystemName,
        priceCents: offer.priceCents,
        starRating: offer.starRating,
        complicationComparison: fact.complicationComparison,
        readmissionComparison: fact.readmissionComparison,
        annualVolume: fact.annualVolume,
        isDemo: fact.isDemo,
        validFrom: fact.validFrom,
        validTo: fact.validTo,
        latitude: offer.latitude,
        longitude: offer.longitude,
        isChosen,
        isValidAtStart: fact.validFrom <= startDate && (fact.validTo === null || fact.validTo >= startDate),
        membersWithin100: within,
        membersWithin100Share: share,
        nearestMemberMiles: nearest,
      },
    ]
  })
  // The map: each filtered candidate's place once, the page's first (so the client can name them).
  const placed = new Map<string, { latitude: number; longitude: number; isChosen: boolean }>()
  for (const r of [...rows.map((row) => ({ offer: row, isChosen: row.isChosen })), ...filtered]) {
    const { facilityId, latitude, longitude } = r.offer
    if (latitude === null || longitude === null) continue
    const known = placed.get(facilityId)
    if (known) known.isChosen ||= r.isChosen
    else placed.set(facilityId, { latitude, longitude, isChosen: r.isChosen })
  }
  const round = (n: number) => Math.round(n * 100) / 100
  const places = [...placed.entries()]
  const pageFacilities = new Set(rows.map((r) => r.facilityId))
  const candidateIds = new Set(offers.map((o) => o.offerId))
  return {
    members,
    unknownZip,
    filter: { ...filter, procedure: procedureCode, page },
    errors,
    total: filtered.length,
    pages,
    rows,
    procedures: procedures.map((p) => ({
      id: p.id,
      code: p.code,
      name: p.name,
      candidates: all.filter((r) => r.offer.procedureId === p.id).length,
      chosen: all.filter((r) => r.offer.procedureId === p.id && r.isChosen).length,
    })),
    /** Offers in the network that are no longer candidates (withdrawn, or the hospital left CMS's list): kept unless removed. */
    notOffered: chosenOfferIds.filter((id) => !candidateIds.has(id)).length,
    chosenCount: chosen.size,
    states: [...new Set(offers.map((o) => o.state))].sort(),
    map: {
      coords: places.flatMap(([, p]) => [round(p.latitude), round(p.longitude)]),
      chosen: places.flatMap(([, p], i) => (p.isChosen ? [i] : [])),
      pageIds: places.filter(([id]) => pageFacilities.has(id)).map(([id]) => id),
    },
  }
}

/**
 * What a member living in `zip` on `planId` would see for each covered procedure: every network
 * center with distance, what the member pays, travel, and the typical local price outside.
 */
export async function previewAsMember(
  detail: ProgramDetail,
  scope: EmployerScope,
  input: { zip: string; planId?: string | undefined; tier: 'individual' | 'family' },
  now = new Date(),
) {
  const db = getDb()
  const place = zipPlace(input.zip)
  if (!place) return { ok: false as const, fieldErrors: { zip: [`We don't know the ZIP code ${input.zip}: check it and try again`] } }
  const [plans, prices, irs] = await Promise.all([
    listHealthPlans(db, scope),
    listAreaMarketPrices(db, detail.procedures.map((p) => p.id)),
    irsMinimumDeductibles(db, now.getUTCFullYear()),
  ])
  const plan = input.planId ? plans.find((p) => p.id === input.planId) : plans[0]
  if (!plan) return { ok: false as const, fieldErrors: { planId: ['Choose one of your health plans'] } }
  if (!detail.rules) return { ok: false as const, fieldErrors: { zip: ['This program has no rules yet'] } }
  const memberPlan = memberPlanFromTerms({ ...plan, isHsaQualified: plan.isHsaQualified === 1 }, input.tier, irs)
  const local = localPrices(prices, detail.procedures).forState(place.state)
  const benefit = benefitOf(detail.rules)
  const travelRules = travelRulesOf(detail.rules)
  const procedures = detail.procedures.map((procedure) => {
    const outsidePrice = local[procedure.code] ?? null
    const outside = outsidePrice === null ? null : outsideMemberCost(outsidePrice, memberPlan, outsideRuleOf(detail.rules!))
    const centers = detail.network
      .filter((row) => row.procedureId === procedure.id && row.latitude !== null && row.longitude !== null)
      .map((row) => {
        const miles = distanceMiles(place, { latitude: row.latitude!, longitude: row.longitude! })
        const cost = coeMemberCost(row.bundlePriceCents, memberPlan, benefit)
        const travel = estimateTravel(miles, travelRules, procedure.nightsAway)
        const economics =
          outsidePrice === null || outside === null
            ? null
            : caseEconomics({
                bundleCents: row.bundlePriceCents,
                travelCents: travel.isCovered ? travel.totalCents : 0,
                incentiveCents: detail.rules!.completionIncentiveCents,
                coeMemberCents: cost.memberPaysCents,
                outsidePriceCents: outsidePrice,
                outsideMemberCents: outside.memberPaysCents,
              })
        return { offerId: row.offerId, facilityId: row.facilityId, facilityName: row.facilityName, city: row.city, state: row.state, starRating: row.starRating, miles, cost, travel, economics }
      })
      .sort((a, b) => a.cost.memberPaysCents - b.cost.memberPaysCents || a.miles - b.miles)
    return { code: procedure.code, name: procedure.name, outsidePrice, outside, centers }
  })
  return {
    ok: true as const,
    place,
    plan: { name: plan.name, planType: plan.planType, isHsaQualified: plan.isHsaQualified === 1 },
    incentiveCents: detail.rules.completionIncentiveCents,
    procedures,
  }
}

/** The program page: the chosen version, its projection under the page's assumptions, and which network offers a contract in force backs. */
export async function getProgramOverview(scope: EmployerScope, programId: string, versionNumber: number | null, settings: ProjectionSettings, now = new Date()) {
  const detail = await getProgramDetail(scope, programId, versionNumber, now)
  const [projection, contractBacking] = await Promise.all([getProgramProjection(detail, scope, settings, now), listNetworkContractBacking(scope, detail.network)])
  return { ...detail, projection, contractBacking }
}

/** The preview page: the chosen version, the employer's plans, and the member's view when asked. */
export async function getProgramPreview(
  scope: EmployerScope,
  programId: string,
  versionNumber: number | null,
  input: { zip: string; planId?: string | undefined; tier: 'individual' | 'family' } | null,
  now = new Date(),
) {
  const detail = await getProgramDetail(scope, programId, versionNumber, now)
  const plans = await listHealthPlans(getDb(), scope)
  return { detail, plans, preview: input ? await previewAsMember(detail, scope, input, now) : null }
}
