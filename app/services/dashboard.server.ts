import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import {
  countMembersWhoSearched,
  countOffersByProcedureAndState,
  countRequestedCasesByStatus,
  countSearchesByProcedureAndZip3,
  listCompletedCases,
  sumInvoiceLinesByKind,
  type ReportWindow,
} from '~/db/repositories/dashboard.server'
import { listMeasuresOfFacilities } from '~/db/repositories/care.server'
import { listAreaMarketPrices } from '~/db/repositories/market-prices.server'
import { listPrograms } from '~/db/repositories/programs.server'
import { countCoveredMembers } from '~/db/repositories/roster.server'
import type { Database } from '~/db/schema'
import { memberPlanFromTerms } from '~/domain/benefits/member-cost'
import { addDays } from '~/domain/dates'
import { realizedSavings, totalRealizedSavings } from '~/domain/savings/realized-savings'
import type { EmployerScope } from '~/domain/tenancy'
import { zipPlace } from '~/integrations/zip-geocoding.server'
import { irsMinimumDeductibles, localPrices } from './plan-terms.server'
import { getProgramOverview } from './program-insights.server'

export interface DashboardQuery {
  from: string
  to: string
  programId: string | null
}

export function windowOf(query: DashboardQuery): ReportWindow {
  return { fromInstant: `${query.from}T00:00:00.000Z`, toInstant: `${addDays(query.to, 1)}T00:00:00.000Z`, programId: query.programId }
}

/**
 * Every completed case of the window priced the documented way (DESIGN §4, /employer/savings-method):
 * the typical local price for the member's state, the member's own plan with nothing paid yet.
 */
export async function pricedCompletedCases(db: Kysely<Database>, scope: EmployerScope | null, window: ReportWindow) {
  const rows = await listCompletedCases(db, scope, window)
  const procedures = [...new Map(rows.map((r) => [r.procedureId, { id: r.procedureId, code: r.procedureCode }])).values()]
  const [prices, irs] = await Promise.all([listAreaMarketPrices(db, procedures.map((p) => p.id)), irsMinimumDeductibles(db, Number(window.toInstant.slice(0, 4)))])
  const local = localPrices(prices, procedures)
  return rows.map((row) => {
    const place = zipPlace(row.memberZip)
    const outsidePriceCents = (place ? local.forState(place.state) : local.national)[row.procedureCode] ?? null
    const plan =
      row.coinsuranceRate === null
        ? null
        : memberPlanFromTerms(
            {
              deductibleIndividualCents: row.deductibleIndividualCents!, deductibleFamilyCents: row.deductibleFamilyCents!, coinsuranceRate: row.coinsuranceRate,
              oopMaxIndividualCents: row.oopMaxIndividualCents!, oopMaxFamilyCents: row.oopMaxFamilyCents!, isHsaQualified: row.isHsaQualified === 1,
            },
            row.coverageTier === 'employee' ? 'individual' : 'family',
            irs,
          )
    const savings = realizedSavings({
      bundleCents: row.bundlePriceCents,
      travelActualCents: row.travelActualCents,
      travelEstimateCents: row.travelEstimateCents,
      incentiveCents: row.completionIncentiveCents ?? 0,
      memberPaidCents: row.memberCostCents,
      outsidePriceCents: plan ? outsidePriceCents : null,
      plan: plan ?? { deductibleCents: 0, deductibleMetCents: 0, coinsuranceRate: 0, oopMaxCents: 0, oopPaidCents: 0, isHsaQualified: false, irsMinimumDeductibleCents: 0 },
    })
    return { ...row, memberState: place?.state ?? null, outsidePriceCents, ...savings }
  })
}

const rate = (part: number, whole: number) => (whole === 0 ? null : part / whole)
const average = (values: readonly number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length)

async function figures(db: Kysely<Database>, scope: EmployerScope | null, window: ReportWindow) {
  const [byStatus, searched, spend, completed] = await Promise.all([
    countRequestedCasesByStatus(db, scope, window),
    countMembersWhoSearched(db, scope, window),
    sumInvoiceLinesByKind(db, scope, window),
    pricedCompletedCases(db, scope, window),
  ])
  const facilityIds = [...new Set(completed.map((c) => c.facilityId))]
  const cms = await listMeasuresOfFacilities(db, facilityIds)
  const cmsAverage = (code: string) => average(cms.flatMap((m) => (m.measureCode === code && m.value !== null ? [m.value] : [])))
  const byProcedure = new Map<string, { code: string; name: string; cases: number; savingsCents: number; employerPaidCents: number }>()
  const byCenter = new Map<string, { name: string; state: string; inactiveSince: string | null; cases: number }>()
  for (const c of completed) {
    const p = byProcedure.get(c.procedureCode) ?? { code: c.procedureCode, name: c.procedureName, cases: 0, savingsCents: 0, employerPaidCents: 0 }
    p.cases++
    p.savingsCents += c.savingsCents ?? 0
    p.employerPaidCents += c.employerPaidCents
    byProcedure.set(c.procedureCode, p)
    const f = byCenter.get(c.facilityId) ?? { name: c.facilityName, state: c.facilityState, inactiveSince: c.facilityInactiveSince, cases: 0 }
    f.cases++
    byCenter.set(c.facilityId, f)
  }
  const satisfaction = completed.map((c) => c.satisfaction).filter((s): s is number => s !== null)
  return {
    requests: byStatus.reduce((sum, s) => sum + s.count, 0),
    byStatus,
    searched,
    spend: { bundle: spend.bundle ?? 0, travel: spend.travel ?? 0, incentive: spend.incentive ?? 0, platformFee: spend.platform_fee ?? 0 },
    savings: totalRealizedSavings(completed),
    byProcedure: [...byProcedure.values()],
    byCenter: [...byCenter.values()].sort((a, b) => b.cases - a.cases || a.name.localeCompare(b.name)),
    outcomes: {
      completed: completed.length,
      complicationRate: rate(completed.filter((c) => c.hadComplication === 1).length, completed.length),
      readmissionRate: rate(completed.filter((c) => c.wasReadmitted === 1).length, completed.length),
      averageSatisfaction: average(satisfaction),
      cmsComplicationPercent: cmsAverage('COMP_HIP_KNEE'),
      cmsReadmissionPercent: cmsAverage('READM_30_HIP_KNEE'),
    },
    completed,
  }
}

/** The employer's dashboard for a period and (optionally) one program, with the projection pro-rated beside. */
export async function getEmployerDashboard(scope: EmployerScope, query: DashboardQuery) {
  const db = getDb()
  const window = windowOf(query)
  const [programs, eligible, numbers] = await Promise.all([listPrograms(db, scope), countCoveredMembers(db, scope, query.to), figures(db, scope, window)])
  const days = Math.max(1, Math.round((Date.parse(window.toInstant) - Date.parse(window.fromInstant)) / 86_400_000))
  let projectedCents = 0
  for (const program of programs.filter((p) => p.status === 'published' && (!query.programId || p.id === query.programId))) {
    const overview = await getProgramOverview(scope, program.id, null, { adoptionRate: 0.4, incidence: {} })
    projectedCents += overview.projection?.total.netSavingsCents ?? 0
  }
  const { completed: _completed, ...rest } = numbers
  return {
    query,
    programs: programs.map((p) => ({ id: p.id, name: p.name })),
    eligible,
    ...rest,
    projection: { annualNetSavingsCents: projectedCents, periodDays: days, forPeriodCents: Math.round((projectedCents * days) / 365) },
  }
}

/** The same figures across employers, with marketplace supply and demand (platform admin). */
export async function getPlatformReport(query: DashboardQuery) {
  const db = getDb()
  const window = windowOf({ ...query, programId: null })
  const [numbers, supply, demand] = await Promise.all([figures(db, null, window), countOffersByProcedureAndState(db), countSearchesByProcedureAndZip3(db, window)])
  const byEmployer = new Map<string, { name: string; cases: number; savingsCents: number }>()
  for (const c of numbers.completed) {
    const e = byEmployer.get(c.employerId) ?? { name: c.employerName, cases: 0, savingsCents: 0 }
    e.cases++
    e.savingsCents += c.savingsCents ?? 0
    byEmployer.set(c.employerId, e)
  }
  const { completed: _completed, ...rest } = numbers
  return {
    query,
    ...rest,
    byEmployer: [...byEmployer.values()],
    supply: supply.map((s) => ({ code: s.code, state: s.state, offers: Number(s.n) })),
    demand: demand.map((d) => ({ code: d.code, zip3: d.zip3, searches: Number(d.n) })),
  }
}
