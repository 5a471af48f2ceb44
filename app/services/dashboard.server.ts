import type { Kysely } from 'kysely'
import { getDb } from '~/db/client.server'
import {
  countMembersWhoSearched,
  countOffersByProcedureAndState,
  countRequestedCasesByStatus,
  countSearchesByProcedureAndZip3,
  listCompletedCases,
  sumInvoiceLinesByKind,
  type CaseOwners,
  type ReportWindow,
} from '~/db/repositories/dashboard.server'
import { listMeasuresOfFacilities } from '~/db/repositories/care.server'
import { listAreaMarketPrices } from '~/db/repositories/market-prices.server'
import { findVersionRules, listPrograms, listPublishedVersions, listVersionNetwork, listVersionProcedures } from '~/db/repositories/programs.server'
import { countCoveredMembers } from '~/db/repositories/roster.server'
import type { Database } from '~/db/schema'
import { memberPlanFromTerms } from '~/domain/benefits/member-cost'
import { hasHipKneeMeasures } from '~/domain/cms/measured-procedures'
import { addDays } from '~/domain/dates'
import { intersectRanges } from '~/domain/programs/in-force'
import { projectSavingsForPeriod, type ProjectedVersion } from '~/domain/programs/period-projection'
import { realizedSavings, totalRealizedSavings } from '~/domain/savings/realized-savings'
import type { EmployerScope } from '~/domain/tenancy'
import { zipPlace } from '~/integrations/zip-geocoding.server'
import { irsMinimumDeductibles, localPrices } from './plan-terms.server'
import { getProgramProjection } from './program-insights.server'

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
export async function pricedCompletedCases(db: Kysely<Database>, scope: CaseOwners, window: ReportWindow) {
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
  // CMS's complication and readmission measures are about hip and knee replacement: only those cases' centers count.
  const facilityIds = [...new Set(completed.filter((c) => hasHipKneeMeasures(c.procedureCode)).map((c) => c.facilityId))]
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
      // Outcomes come at the 30- and 90-day check-ins (issue 21): a rate counts only the cases whose check-in is recorded.
      complicationRate: rate(completed.filter((c) => c.hadComplication === 1).length, completed.filter((c) => c.hadComplication !== null).length),
      readmissionRate: rate(completed.filter((c) => c.wasReadmitted === 1).length, completed.filter((c) => c.wasReadmitted !== null).length),
      averageSatisfaction: average(satisfaction),
      cmsComplicationPercent: cmsAverage('COMP_HIP_KNEE'),
      cmsReadmissionPercent: cmsAverage('READM_30_HIP_KNEE'),
    },
    completed,
  }
}

/** The dashboard's projection assumptions: DESIGN §4's defaults (40 % adoption, the catalog's incidence). */
const DASHBOARD_PROJECTION = { adoptionRate: 0.4, incidence: {} }

/**
 * Projected net savings for the period (issue 20): every published version on the days it is in
 * force, each procedure once a day for the newest version in force, prorated by days
 * (app/domain/programs/period-projection.ts). Versions not in force in the period are not
 * projected at all; they are listed apart.
 */
async function projectPeriod(db: Kysely<Database>, scope: EmployerScope, query: DashboardQuery, now: Date) {
  const period = { from: query.from, to: query.to }
  const versions: ProjectedVersion[] = []
  for (const v of await listPublishedVersions(db, scope)) {
    const base = { ...v, publishedAt: v.publishedAt ?? '' }
    if (!intersectRanges(period, { from: v.effectiveFrom, to: v.effectiveTo })) {
      versions.push({ ...base, procedures: [] })
      continue
    }
    const [procedures, network, rules] = await Promise.all([listVersionProcedures(db, v.versionId), listVersionNetwork(db, v.versionId), findVersionRules(db, v.versionId)])
    const projection = await getProgramProjection({ procedures, network, rules: rules ?? null }, scope, DASHBOARD_PROJECTION, now)
    const savings = new Map((projection?.rows ?? []).map((row) => [row.code, row.netSavingsCents]))
    versions.push({ ...base, procedures: procedures.map((p) => ({ code: p.code, name: p.name, annualNetSavingsCents: savings.get(p.code) ?? 0 })) })
  }
  const all = projectSavingsForPeriod(period, versions)
  if (!query.programId) return all
  const lines = all.lines.filter((l) => l.programId === query.programId)
  return { ...all, lines, leftOut: all.leftOut.filter((v) => v.programId === query.programId), totalCents: lines.reduce((sum, l) => sum + l.periodCents, 0) }
}

/** The employer's dashboard for a period and (optionally) one program, with the projection for the same period beside. */
export async function getEmployerDashboard(scope: EmployerScope, query: DashboardQuery, now = new Date()) {
  const db = getDb()
  const window = windowOf(query)
  const [programs, eligible, numbers, projection] = await Promise.all([
    listPrograms(db, scope),
    countCoveredMembers(db, scope, query.to),
    figures(db, scope, window),
    projectPeriod(db, scope, query, now),
  ])
  const { completed: _completed, ...rest } = numbers
  return {
    query,
    programs: programs.map((p) => ({ id: p.id, name: p.name })),
    eligible,
    ...rest,
    projection,
  }
}

/** How many employers the platform report lists (the most savings first); the rest are counted. */
export const REPORT_EMPLOYER_ROWS = 25

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
  // Bounded at national scale (issue 24): the employers with the most savings, and supply as one row per
  // state with a column per procedure (~56 rows) instead of one row per procedure and state (~200).
  const employers = [...byEmployer.values()].sort((a, b) => b.savingsCents - a.savingsCents || b.cases - a.cases || a.name.localeCompare(b.name))
  const supplyCodes = [...new Set(supply.map((s) => s.code))].sort()
  const supplyByState = new Map<string, Record<string, number>>()
  for (const s of supply) supplyByState.set(s.state, { ...supplyByState.get(s.state), [s.code]: Number(s.n) })
  return {
    query,
    ...rest,
    byEmployer: employers.slice(0, REPORT_EMPLOYER_ROWS),
    employersNotShown: Math.max(0, employers.length - REPORT_EMPLOYER_ROWS),
    supplyCodes,
    supply: [...supplyByState].sort(([a], [b]) => a.localeCompare(b)).map(([state, offers]) => ({ state, offers, total: Object.values(offers).reduce((sum, n) => sum + n, 0) })),
    demand: demand.map((d) => ({ code: d.code, zip3: d.zip3, searches: Number(d.n) })),
  }
}
