import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import { listHealthPlans } from '~/db/repositories/health-plans.server'
import { listAreaMarketPrices } from '~/db/repositories/market-prices.server'
import { listCandidateOffers } from '~/db/repositories/programs.server'
import { listCoveredMemberGroups } from '~/db/repositories/roster.server'
import type { Database } from '~/db/schema'
import { coeMemberCost, memberPlanFromTerms, outsideMemberCost } from '~/domain/benefits/member-cost'
import { toIsoDate } from '~/domain/dates'
import { distanceMiles } from '~/domain/geo/distance'
import { caseEconomics } from '~/domain/savings/case-economics'
import { projectProgram, type ProjectionAssumptions } from '~/domain/savings/program-projection'
import type { PlanMemberGroup } from '~/domain/proposals/member-cost'
import { estimateTravel } from '~/domain/travel/travel-estimate'
import type { EmployerScope } from '~/domain/tenancy'
import { drawUsMap } from '~/integrations/state-map.server'
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
 * The marketplace's offers for the draft's procedures, each with how far it is from this
 * employer's members (share within 100 miles, nearest member ZIP), and a map of offers and members.
 */
export async function getNetworkChoices(scope: EmployerScope, programId: string, now = new Date()) {
  const detail = await getProgramDetail(scope, programId, null, now)
  if (!detail.isEditable) throw notFound('Draft version')
  return { detail, ...(await buildNetworkChoices(scope, detail.procedures, detail.network.map((row) => row.offerId), detail.current.effectiveFrom, now)) }
}

/** The candidate offers for these procedures with distances from the employer's members, and the map. */
export async function buildNetworkChoices(
  scope: EmployerScope,
  procedures: ReadonlyArray<{ id: string; code: string }>,
  chosenOfferIds: readonly string[],
  startDate: string,
  now = new Date(),
) {
  const db = getDb()
  const [offers, { groups }] = await Promise.all([listCandidateOffers(db, procedures.map((p) => p.id)), memberGroups(db, scope, procedures, now)])
  const members = groups.reduce((sum, g) => sum + g.members, 0)
  const chosen = new Set(chosenOfferIds)
  const today = toIsoDate(now)
  const rows = offers.map((offer) => {
    let within100 = 0
    let nearest: number | null = null
    if (offer.latitude !== null && offer.longitude !== null) {
      for (const group of groups) {
        const miles = distanceMiles(group.home, { latitude: offer.latitude, longitude: offer.longitude })
        if (miles <= 100) within100 += group.members
        if (nearest === null || miles < nearest) nearest = miles
      }
    }
    return {
      ...offer,
      isChosen: chosen.has(offer.offerId),
      isValidAtStart: offer.validFrom <= startDate && (offer.validTo === null || offer.validTo >= startDate),
      isExpired: offer.validTo !== null && offer.validTo < today,
      membersWithin100Share: members === 0 ? 0 : within100 / members,
      nearestMemberMiles: nearest,
    }
  })
  const facilities = new Map<string, { id: string; latitude: number; longitude: number }>()
  for (const offer of rows) if (offer.latitude !== null && offer.longitude !== null) facilities.set(offer.facilityId, { id: offer.facilityId, latitude: offer.latitude, longitude: offer.longitude })
  const memberZips = new Map<string, { id: string; latitude: number; longitude: number; members: number }>()
  for (const group of groups) {
    const key = `${group.home.latitude.toFixed(1)},${group.home.longitude.toFixed(1)}`
    const existing = memberZips.get(key)
    if (existing) existing.members += group.members
    else memberZips.set(key, { id: key, latitude: group.home.latitude, longitude: group.home.longitude, members: group.members })
  }
  const map = drawUsMap([...facilities.values(), ...memberZips.values()])
  const at = new Map(map.points.map((p) => [p.id, p]))
  const chosenFacilities = new Set(rows.filter((r) => r.isChosen).map((r) => r.facilityId))
  return {
    members,
    rows,
    map: {
      width: map.width,
      height: map.height,
      statesPath: map.statesPath,
      centers: [...facilities.values()].flatMap((f) => {
        const point = at.get(f.id)
        const offer = rows.find((r) => r.facilityId === f.id)!
        return point ? [{ ...point, name: offer.facilityName, city: offer.city, state: offer.state, isChosen: chosenFacilities.has(f.id) }] : []
      }),
      members: [...memberZips.values()].flatMap((m) => {
        const point = at.get(m.id)
        return point ? [{ ...point, members: m.members }] : []
      }),
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
