import type { Kysely, Transaction } from 'kysely'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listProcedures } from '~/db/repositories/catalog.server'
import {
  findProgram,
  findVersionRules,
  insertProgram,
  insertProgramVersion,
  listCandidateOffers,
  listPrograms,
  listProgramVersions,
  listPublishedVersions,
  listVersionNetwork,
  listVersionNetworkOfferIds,
  listVersionProcedures,
  replaceVersionNetwork,
  replaceVersionProcedures,
  saveBenefitRules,
  saveTravelRules,
  updateDraftVersion,
  updateProgramName,
  type BenefitRulesRow,
  type TravelRulesRow,
} from '~/db/repositories/programs.server'
import type { Database } from '~/db/schema'
import { addDays, toIsoDate } from '~/domain/dates'
import { overlapConfirmation, overlapsOnPublishing, type ProgramOverlap } from '~/domain/programs/overlaps'
import { publishProblems, type PublishProblem } from '~/domain/programs/publish-checks'
import type { Actor, EmployerScope } from '~/domain/tenancy'
import { applyNetworkEdit, type NetworkEdit } from '~/domain/programs/network-edit'
import type { BenefitRulesInput, ProgramDetailsInput, TravelRulesInput } from '~/forms/program'
import { notFound } from '~/http/responses.server'

export type SaveResult =
  | { ok: true }
  | { ok: false; formErrors?: string[]; fieldErrors?: Record<string, string[]>; confirmation?: PublishConfirmation }

/** A version's terms at the centers, as the publish confirmation compares them. */
export interface TermsAtCenters {
  deductibleWaived: boolean
  coinsuranceWaived: boolean
  coeCopayCents: number
  completionIncentiveCents: number
  /** Centers in the network per procedure id. */
  centers: Record<string, number>
}

/**
 * What publishing would override, asked before publishing (issue 20): each other program's
 * published version covering the same procedures on the same days, with its terms beside the
 * draft's. `confirm` goes back with the second POST.
 */
export interface PublishConfirmation {
  confirm: string
  version: number
  ours: TermsAtCenters
  overlaps: Array<ProgramOverlap & { theirs: TermsAtCenters }>
}

/** Rules a new program starts with: the common COE design (DESIGN §3), all editable before publishing. */
export const DEFAULT_BENEFIT_RULES = {
  deductibleWaived: 1,
  coinsuranceWaived: 1,
  coeCopayCents: 0,
  completionIncentiveCents: 0,
  outsideRule: 'plan_terms',
  outsideCoinsuranceRate: null,
} as const satisfies Omit<BenefitRulesRow, 'programVersionId'>
export const DEFAULT_TRAVEL_RULES = {
  minDistanceMiles: 50,
  companionCovered: 1,
  flyThresholdMiles: 300,
  mileageRateCents: 70,
  airfareAllowanceCents: 60_000,
  lodgingNights: null,
  lodgingNightlyCapCents: 17_500,
  mealsPerDiemCents: 6_000,
  travelCapCents: 500_000,
} as const satisfies Omit<TravelRulesRow, 'programVersionId'>

export function listEmployerPrograms(scope: EmployerScope) {
  return listPrograms(getDb(), scope)
}

async function requireProgramVersions(db: Kysely<Database>, scope: EmployerScope, programId: string) {
  const program = await findProgram(db, scope, programId)
  if (!program) throw notFound('Program')
  const versions = await listProgramVersions(db, program.id)
  const newest = versions[0]
  if (!newest) throw notFound('Program version')
  return { program, versions, newest }
}

async function loadVersion(db: Kysely<Database>, versionId: string) {
  const [procedures, network, rules] = await Promise.all([listVersionProcedures(db, versionId), listVersionNetwork(db, versionId), findVersionRules(db, versionId)])
  return { procedures, network, rules: rules ?? null }
}

/** The check run at publishing, against stored data (the previous published start and offer validity). */
function problemsOf(
  version: { effectiveFrom: string; effectiveTo: string | null },
  contents: Awaited<ReturnType<typeof loadVersion>>,
  previousEffectiveFrom: string | null,
  today: string,
): PublishProblem[] {
  return publishProblems(
    {
      effectiveFrom: version.effectiveFrom,
      effectiveTo: version.effectiveTo,
      procedures: contents.procedures,
      network: contents.network,
      travel: contents.rules,
      previousEffectiveFrom,
    },
    today,
  )
}

function previousPublishedStart(versions: ReadonlyArray<{ status: string; effectiveFrom: string }>, exceptNewest: boolean) {
  return (exceptNewest ? versions.slice(1) : versions).find((v) => v.status === 'published')?.effectiveFrom ?? null
}

/**
 * A program of this employer: every version, the one asked for (the newest by default) with its
 * procedures, network and rules, and, for a draft, what still stands in the way of publishing.
 */
export async function getProgramDetail(scope: EmployerScope, programId: string, versionNumber: number | null, now = new Date()) {
  const db = getDb()
  const { program, versions, newest } = await requireProgramVersions(db, scope, programId)
  const current = versionNumber === null ? newest : versions.find((v) => v.version === versionNumber)
  if (!current) throw notFound('Program version')
  const contents = await loadVersion(db, current.id)
  const isEditable = current.id === newest.id && current.status === 'draft'
  const problems = isEditable ? problemsOf(current, contents, previousPublishedStart(versions, true), toIsoDate(now)) : []
  const catalog = isEditable ? (await listProcedures(db)).filter((p) => p.isActive) : []
  return { program, versions, current, isEditable, isNewest: current.id === newest.id, ...contents, problems, catalog }
}

/** Creates a program with a draft version 1 holding the default rules. */
export async function createProgram(actor: Actor, scope: EmployerScope, input: { name: string; effectiveFrom: string }, now = new Date()) {
  const today = toIsoDate(now)
  if (input.effectiveFrom < today) return { ok: false as const, fieldErrors: { effectiveFrom: [`The start date is in the past: choose today (${today}) or later`] } }
  const programId = newId()
  const versionId = newId()
  const at = now.toISOString()
  await getDb().transaction().execute(async (trx) => {
    await insertProgram(trx, { id: programId, employerId: scope.employerId, name: input.name, createdAt: at, createdByUserId: actor.userId })
    await insertProgramVersion(trx, {
      id: versionId, programId, version: 1, status: 'draft', effectiveFrom: input.effectiveFrom, effectiveTo: null, createdAt: at, createdByUserId: actor.userId,
      publishedAt: null, publishedByUserId: null,
    })
    await saveBenefitRules(trx, { programVersionId: versionId, ...DEFAULT_BENEFIT_RULES })
    await saveTravelRules(trx, { programVersionId: versionId, ...DEFAULT_TRAVEL_RULES })
    await insertAuditEntry(trx, actor, { action: 'program.created', subjectType: 'program', subjectId: programId, employerId: scope.employerId, at })
  })
  return { ok: true as const, programId }
}

const PUBLISHED_MESSAGE = 'This version is published and cannot change. Start a new version to edit the program.'

/**
 * Runs `change` on the program's newest version inside one transaction when it is a draft;
 * a published version is refused (it is immutable) and nothing changes.
 */
async function changeDraft(
  actor: Actor,
  scope: EmployerScope,
  programId: string,
  action: string,
  change: (trx: Transaction<Database>, versionId: string) => Promise<SaveResult | void>,
  now: Date,
): Promise<SaveResult> {
  const db = getDb()
  const { newest } = await requireProgramVersions(db, scope, programId)
  if (newest.status !== 'draft') return { ok: false, formErrors: [PUBLISHED_MESSAGE] }
  const at = now.toISOString()
  return db.transaction().execute(async (trx) => {
    const result = await change(trx, newest.id)
    if (result && !result.ok) return result
    await insertAuditEntry(trx, actor, { action, subjectType: 'program_version', subjectId: newest.id, employerId: scope.employerId, at })
    return { ok: true } as const
  })
}

export function saveProgramDetails(actor: Actor, scope: EmployerScope, programId: string, input: ProgramDetailsInput, now = new Date()) {
  const today = toIsoDate(now)
  if (input.effectiveFrom < today) return Promise.resolve<SaveResult>({ ok: false, fieldErrors: { effectiveFrom: [`The start date is in the past: choose today (${today}) or later`] } })
  return changeDraft(actor, scope, programId, 'program.details_changed', async (trx, versionId) => {
    await updateProgramName(trx, scope, programId, input.name)
    const changed = await updateDraftVersion(trx, versionId, { effectiveFrom: input.effectiveFrom, effectiveTo: input.effectiveTo ?? null })
    if (changed === 0) return { ok: false, formErrors: [PUBLISHED_MESSAGE] }
  }, now)
}

/** Sets the covered procedures; offers for procedures no longer covered leave the network. */
export function saveProgramProcedures(actor: Actor, scope: EmployerScope, programId: string, procedureIds: readonly string[], now = new Date()) {
  return changeDraft(actor, scope, programId, 'program.procedures_changed', async (trx, versionId) => {
    const active = new Set((await listProcedures(trx)).filter((p) => p.isActive).map((p) => p.id))
    const unknown = procedureIds.filter((id) => !active.has(id))
    if (unknown.length > 0) return { ok: false, fieldErrors: { procedureIds: ['Choose procedures from the catalog list'] } }
    const chosen = new Set(procedureIds)
    const network = await listVersionNetworkOfferIds(trx, versionId)
    await replaceVersionProcedures(trx, versionId, [...chosen])
    const kept = network.filter((row) => chosen.has(row.procedureId)).map((row) => ({ offerId: row.offerId, bundlePriceCents: row.bundlePriceCents }))
    await replaceVersionNetwork(trx, versionId, kept)
  }, now)
}

/** Sets the network from offers of covered procedures; the bundled price is the offer's price today. */
/**
 * Saves the draft's network: the whole selection (a list of offer ids) or, from the paged picker,
 * an edit of the current network (issue 24: offers not on the saved page stay as they are). Offers
 * are priced as offered today; one no longer offered keeps the price it was added at.
 */
export function saveProgramNetwork(actor: Actor, scope: EmployerScope, programId: string, edit: readonly string[] | NetworkEdit, now = new Date()) {
  return changeDraft(actor, scope, programId, 'program.network_changed', async (trx, versionId) => {
    const procedures = await listVersionProcedures(trx, versionId)
    const candidates = new Map((await listCandidateOffers(trx, procedures.map((p) => p.id))).map((o) => [o.offerId, o]))
    const current = await listVersionNetworkOfferIds(trx, versionId)
    const edited = applyNetworkEdit(current.map((row) => row.offerId), Array.isArray(edit) ? { checked: edit as readonly string[] } : (edit as NetworkEdit), (id) => candidates.has(id))
    if (!edited.ok) return { ok: false, formErrors: [edited.message] }
    const agreed = new Map(current.map((row) => [row.offerId, row.bundlePriceCents]))
    const unique = [...new Set(edited.offerIds)]
    await replaceVersionNetwork(trx, versionId, unique.map((offerId) => ({ offerId, bundlePriceCents: candidates.get(offerId)?.priceCents ?? agreed.get(offerId)! })))
  }, now)
}

export function saveProgramBenefitRules(actor: Actor, scope: EmployerScope, programId: string, input: BenefitRulesInput, now = new Date()) {
  return changeDraft(actor, scope, programId, 'program.benefit_rules_changed', async (trx, versionId) => {
    const { intent: _intent, ...rules } = input
    await saveBenefitRules(trx, { programVersionId: versionId, ...rules })
  }, now)
}

export function saveProgramTravelRules(actor: Actor, scope: EmployerScope, programId: string, input: TravelRulesInput, now = new Date()) {
  return changeDraft(actor, scope, programId, 'program.travel_rules_changed', async (trx, versionId) => {
    const { intent: _intent, ...rules } = input
    await saveTravelRules(trx, { programVersionId: versionId, ...rules })
  }, now)
}

function termsAtCenters(contents: Awaited<ReturnType<typeof loadVersion>>): TermsAtCenters {
  const centers: Record<string, number> = {}
  for (const procedure of contents.procedures) {
    centers[procedure.id] = new Set(contents.network.filter((row) => row.procedureId === procedure.id).map((row) => row.facilityId)).size
  }
  const rules = contents.rules
  return {
    deductibleWaived: rules?.deductibleWaived === 1,
    coinsuranceWaived: rules?.coinsuranceWaived === 1,
    coeCopayCents: rules?.coeCopayCents ?? 0,
    completionIncentiveCents: rules?.completionIncentiveCents ?? 0,
    centers,
  }
}

/** Other programs' published versions that the draft would override on some days for some procedures. */
async function overlapsOf(db: Kysely<Database>, scope: EmployerScope, program: { id: string; name: string }, draft: { id: string; version: number; effectiveFrom: string; effectiveTo: string | null }, procedures: ReadonlyArray<{ id: string; name: string }>) {
  const others = (await listPublishedVersions(db, scope)).filter((v) => v.programId !== program.id)
  const coverage = await Promise.all(others.map(async (v) => ({ ...v, procedures: await listVersionProcedures(db, v.versionId) })))
  return overlapsOnPublishing({ versionId: draft.id, programId: program.id, programName: program.name, version: draft.version, effectiveFrom: draft.effectiveFrom, effectiveTo: draft.effectiveTo, procedures }, coverage)
}

/**
 * Publishes the draft when every publish check passes; the problems otherwise, with nothing
 * changed. When the draft covers procedures another published program covers on some of the same
 * days, nothing changes either until the publisher confirms those overlaps: `confirm` must be the
 * text the confirmation carried (the overlaps may have changed since it was shown).
 */
export async function publishProgram(actor: Actor, scope: EmployerScope, programId: string, confirm: string | null = null, now = new Date()): Promise<SaveResult> {
  const db = getDb()
  const { program, versions, newest } = await requireProgramVersions(db, scope, programId)
  if (newest.status !== 'draft') return { ok: false, formErrors: ['This version is already published.'] }
  const contents = await loadVersion(db, newest.id)
  const problems = problemsOf(newest, contents, previousPublishedStart(versions, true), toIsoDate(now))
  if (problems.length > 0) return { ok: false, formErrors: problems.map((p) => p.message) }
  const overlaps = await overlapsOf(db, scope, program, newest, contents.procedures)
  if (overlaps.length > 0 && confirm !== overlapConfirmation(overlaps)) {
    const theirs = await Promise.all(overlaps.map(async (o) => termsAtCenters(await loadVersion(db, o.versionId))))
    return {
      ok: false,
      confirmation: { confirm: overlapConfirmation(overlaps), version: newest.version, ours: termsAtCenters(contents), overlaps: overlaps.map((o, i) => ({ ...o, theirs: theirs[i]! })) },
    }
  }
  const at = now.toISOString()
  const detail = overlaps.length === 0 ? null : `Confirmed overlaps: ${overlaps.map((o) => `${o.programName} v${o.version} (${o.procedures.map((p) => p.name).join(', ')}; ${o.from} to ${o.to ?? 'no end'})`).join('; ')}`
  return db.transaction().execute(async (trx) => {
    const changed = await updateDraftVersion(trx, newest.id, { status: 'published', publishedAt: at, publishedByUserId: actor.userId })
    if (changed === 0) return { ok: false, formErrors: ['This version is already published.'] }
    await insertAuditEntry(trx, actor, { action: 'program.published', subjectType: 'program_version', subjectId: newest.id, employerId: scope.employerId, at, detail })
    return { ok: true } as const
  })
}

/**
 * Starts the next draft version as a copy of the newest published one (procedures, network at its
 * agreed prices, rules); the published version stays as it is. The draft starts the day after the
 * previous version's start, or today if that is later.
 */
export async function startNewVersion(actor: Actor, scope: EmployerScope, programId: string, now = new Date()): Promise<SaveResult> {
  const db = getDb()
  const { newest } = await requireProgramVersions(db, scope, programId)
  if (newest.status === 'draft') return { ok: false, formErrors: [`Version ${newest.version} is still a draft: edit it instead.`] }
  const source = await loadVersion(db, newest.id)
  const versionId = newId()
  const at = now.toISOString()
  const today = toIsoDate(now)
  const dayAfter = addDays(newest.effectiveFrom, 1)
  await db.transaction().execute(async (trx) => {
    await insertProgramVersion(trx, {
      id: versionId, programId, version: newest.version + 1, status: 'draft', effectiveFrom: dayAfter > today ? dayAfter : today, effectiveTo: newest.effectiveTo,
      createdAt: at, createdByUserId: actor.userId, publishedAt: null, publishedByUserId: null,
    })
    await replaceVersionProcedures(trx, versionId, source.procedures.map((p) => p.id))
    await replaceVersionNetwork(trx, versionId, source.network.map((row) => ({ offerId: row.offerId, bundlePriceCents: row.bundlePriceCents })))
    const rules = source.rules ?? { ...DEFAULT_BENEFIT_RULES, ...DEFAULT_TRAVEL_RULES }
    await saveBenefitRules(trx, {
      programVersionId: versionId, deductibleWaived: rules.deductibleWaived, coinsuranceWaived: rules.coinsuranceWaived, coeCopayCents: rules.coeCopayCents,
      completionIncentiveCents: rules.completionIncentiveCents, outsideRule: rules.outsideRule, outsideCoinsuranceRate: rules.outsideCoinsuranceRate,
    })
    await saveTravelRules(trx, {
      programVersionId: versionId, minDistanceMiles: rules.minDistanceMiles, companionCovered: rules.companionCovered, flyThresholdMiles: rules.flyThresholdMiles,
      mileageRateCents: rules.mileageRateCents, airfareAllowanceCents: rules.airfareAllowanceCents, lodgingNights: rules.lodgingNights,
      lodgingNightlyCapCents: rules.lodgingNightlyCapCents, mealsPerDiemCents: rules.mealsPerDiemCents, travelCapCents: rules.travelCapCents,
    })
    await insertAuditEntry(trx, actor, { action: 'program.version_started', subjectType: 'program_version', subjectId: versionId, employerId: scope.employerId, at })
  })
  return { ok: true }
}
