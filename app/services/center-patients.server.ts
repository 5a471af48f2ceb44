import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  closeSurgeryDateProposal, findIncomingPatient, findOpenSurgeryDateProposal, INCOMING_STATUSES, insertCaseTask, insertSurgeryDateProposal,
  listCaseTasks, listHealthSystemFacilityNames, listIncomingPatients, listSurgeryDateProposals, type IncomingPatientFilter,
} from '~/db/repositories/center-patients.server'
import { listContractsInForce } from '~/db/repositories/contracts-in-force.server'
import { unscopedFindCase } from '~/db/repositories/care.server'
import { checkProposedSurgeryDate } from '~/domain/cases/surgery-date'
import { ACTIVITIES, ContractTermsSchema, type Activity, type Party } from '~/domain/contracts/terms'
import { toIsoDate } from '~/domain/dates'
import type { Actor } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'
import { transitionCase } from './cases.server'

/*
 * The health system's incoming patients (issue 22, DESIGN §5 and §8): cases authorised at its
 * facilities, minimum necessary (name, date of birth, procedure, facility, status, dates, companion,
 * travel covered); every view audited; its tasks under the contract's division of responsibilities;
 * surgery date proposals the care coordinator confirms (which schedules the case) or declines.
 */

export const PATIENTS_PAGE_SIZE = 25

export type Outcome = { ok: true } | { ok: false; fieldErrors: Record<string, string[]> }

/** The list's filter from the query string; anything malformed is dropped (the page shows what was used). */
export function parsePatientFilter(params: URLSearchParams, today: string): IncomingPatientFilter & { page: number } {
  const status = params.get('status')
  const page = Number(params.get('page'))
  return {
    facilityId: params.get('facility')?.slice(0, 64) || null,
    status: (INCOMING_STATUSES as readonly string[]).includes(status ?? '') ? (status as IncomingPatientFilter['status']) : null,
    upcomingFrom: params.get('upcoming') === '1' ? today : null,
    page: Number.isInteger(page) && page >= 1 && page <= 10_000 ? page : 1,
  }
}

/** The minimum necessary view of one row: never cost, plan, roster ids, messages or documents. */
function minimumNecessary(row: NonNullable<Awaited<ReturnType<typeof findIncomingPatient>>>) {
  return {
    id: row.id, status: row.status, firstName: row.firstName, lastName: row.lastName, dateOfBirth: row.dateOfBirth,
    procedureName: row.procedureName, facilityName: row.facilityName, preferredStart: row.preferredStart, preferredEnd: row.preferredEnd,
    scheduledDate: row.scheduledDate, procedureDate: row.procedureDate, hasCompanion: row.hasCompanion === 1, isTravelCovered: row.travelEstimateCents > 0,
  }
}

export async function getIncomingPatients(actor: Actor, params: URLSearchParams, now = new Date()) {
  const db = getDb()
  const filter = parsePatientFilter(params, toIsoDate(now))
  const facilities = await listHealthSystemFacilityNames(db, actor.organizationId)
  const { rows, hasMore } = await listIncomingPatients(db, actor.organizationId, filter, { limit: PATIENTS_PAGE_SIZE, offset: (filter.page - 1) * PATIENTS_PAGE_SIZE })
  await insertAuditEntry(db, actor, {
    action: 'incoming_patients.viewed', subjectType: 'incoming_patients', subjectId: null, employerId: null, at: now.toISOString(),
    detail: JSON.stringify({ filter, caseIds: rows.map((row) => row.id) }),
  })
  return { filter, facilities, patients: rows.map(minimumNecessary), hasMore }
}

/** Who does each activity under the contract in force for this case's offer, or null when none covers it. */
async function responsibilitiesFor(healthSystemId: string, found: { employerId: string; facilityId: string; procedureCode: string }) {
  const contracts = await listContractsInForce(getDb(), found.employerId, healthSystemId)
  for (const contract of contracts) {
    const terms = ContractTermsSchema.parse(JSON.parse(contract.terms))
    if (terms.networkFacilityIds.includes(found.facilityId) && terms.bundleRates.some((rate) => rate.procedureCode === found.procedureCode)) {
      return { contractTitle: contract.title, responsibilities: terms.responsibilities as Record<Activity, Party> }
    }
  }
  return null
}

async function requireIncomingPatient(actor: Actor, caseId: string) {
  const found = await findIncomingPatient(getDb(), actor.organizationId, caseId)
  if (!found) throw notFound('Patient')
  return found
}

export async function getIncomingPatient(actor: Actor, caseId: string, now = new Date()) {
  const db = getDb()
  const found = await requireIncomingPatient(actor, caseId)
  await insertAuditEntry(db, actor, { action: 'incoming_patient.viewed', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at: now.toISOString() })
  const [contract, tasks, proposals] = await Promise.all([responsibilitiesFor(actor.organizationId, found), listCaseTasks(db, caseId), listSurgeryDateProposals(db, caseId)])
  const done = new Map(tasks.map((task) => [task.activity, task.doneAt]))
  return {
    patient: minimumNecessary(found),
    contract: contract && {
      title: contract.contractTitle,
      activities: ACTIVITIES.map((activity) => ({ activity, party: contract.responsibilities[activity], doneAt: done.get(activity) ?? null })),
    },
    proposals: proposals.map(({ caseId: _caseId, ...proposal }) => proposal),
    canPropose: found.status === 'eligibility_verified' && !proposals.some((p) => p.status === 'proposed'),
  }
}

/** The center marks one of its tasks done (once; audited). */
export async function markCaseTaskDone(actor: Actor, caseId: string, activity: Activity, now = new Date()): Promise<Outcome> {
  const found = await requireIncomingPatient(actor, caseId)
  const contract = await responsibilitiesFor(actor.organizationId, found)
  if (!contract) return { ok: false, fieldErrors: { activity: ['No contract in force covers this case: there are no tasks to mark done'] } }
  if (contract.responsibilities[activity] !== 'center') return { ok: false, fieldErrors: { activity: ['This activity is not your responsibility under the contract'] } }
  const at = now.toISOString()
  return getDb().transaction().execute(async (trx): Promise<Outcome> => {
    const inserted = await insertCaseTask(trx, { id: newId(), caseId, activity, doneAt: at, doneByUserId: actor.userId })
    if (Number(inserted.numInsertedOrUpdatedRows ?? 0) === 0) return { ok: false, fieldErrors: { activity: ['This task is already marked done'] } }
    await insertAuditEntry(trx, actor, { action: 'case_task.done', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at, detail: JSON.stringify({ activity }) })
    return { ok: true }
  })
}

/** The center proposes a surgery date while the case is eligibility verified; one open proposal at a time. */
export async function proposeSurgeryDate(actor: Actor, caseId: string, input: { proposedDate: string; note?: string | undefined }, now = new Date()): Promise<Outcome> {
  const found = await requireIncomingPatient(actor, caseId)
  if (found.status !== 'eligibility_verified') return { ok: false, fieldErrors: { proposedDate: ['A surgery date can be proposed only while the case is eligibility verified (not yet scheduled)'] } }
  const problem = checkProposedSurgeryDate(input.proposedDate, toIsoDate(now))
  if (problem) return { ok: false, fieldErrors: { proposedDate: [problem] } }
  const open = 'This case already has an open proposal: withdraw it before proposing another date'
  const at = now.toISOString()
  return getDb().transaction().execute(async (trx): Promise<Outcome> => {
    if (await findOpenSurgeryDateProposal(trx, caseId)) return { ok: false, fieldErrors: { proposedDate: [open] } }
    const id = newId()
    await insertSurgeryDateProposal(trx, { id, caseId, proposedDate: input.proposedDate, note: input.note || null, proposedByUserId: actor.userId, proposedAt: at })
    await insertAuditEntry(trx, actor, { action: 'surgery_date.proposed', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at, detail: JSON.stringify({ proposalId: id, proposedDate: input.proposedDate }) })
    return { ok: true }
  })
}

export async function withdrawSurgeryDateProposal(actor: Actor, caseId: string, now = new Date()): Promise<Outcome> {
  const found = await requireIncomingPatient(actor, caseId)
  const at = now.toISOString()
  return getDb().transaction().execute(async (trx): Promise<Outcome> => {
    const open = await findOpenSurgeryDateProposal(trx, caseId)
    if (!open || (await closeSurgeryDateProposal(trx, open.id, { status: 'withdrawn', decidedByUserId: actor.userId, decidedAt: at, decisionNote: null })) === 0) {
      return { ok: false, fieldErrors: { proposedDate: ['There is no open proposal to withdraw'] } }
    }
    await insertAuditEntry(trx, actor, { action: 'surgery_date.withdrawn', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at, detail: JSON.stringify({ proposalId: open.id }) })
    return { ok: true }
  })
}

/** The open proposal on a case, for the care coordinator's case page. */
export async function findOpenProposalForCoordinator(caseId: string) {
  const open = await findOpenSurgeryDateProposal(getDb(), caseId)
  return open ? { id: open.id, proposedDate: open.proposedDate, note: open.note, proposedAt: open.proposedAt } : null
}

/**
 * The care coordinator confirms the open proposal: the case moves to scheduled on that date
 * through the case flow (event, member's e-mail, audit) in the same transaction as the proposal is
 * marked confirmed; or declines it with a reason.
 */
export async function decideSurgeryDateProposal(
  actor: Actor,
  caseId: string,
  input: { intent: 'confirm-proposal' | 'decline-proposal'; proposalId: string; reason?: string | undefined },
  now = new Date(),
): Promise<Outcome> {
  const db = getDb()
  const found = await unscopedFindCase(db, caseId)
  if (!found) throw notFound('Case')
  const open = await findOpenSurgeryDateProposal(db, caseId)
  const gone = { ok: false as const, fieldErrors: { proposalId: ['This proposal is no longer open: reload the case'] } }
  if (!open || open.id !== input.proposalId) return gone
  const at = now.toISOString()
  if (input.intent === 'decline-proposal') {
    return db.transaction().execute(async (trx): Promise<Outcome> => {
      if ((await closeSurgeryDateProposal(trx, open.id, { status: 'declined', decidedByUserId: actor.userId, decidedAt: at, decisionNote: input.reason ?? null })) === 0) return gone
      await insertAuditEntry(trx, actor, { action: 'surgery_date.declined', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at, detail: JSON.stringify({ proposalId: open.id }) })
      return { ok: true }
    })
  }
  const result = await transitionCase(actor, caseId, { to: 'scheduled', scheduledDate: open.proposedDate, note: 'Surgery date proposed by the health system' }, now, async (trx) => {
    if ((await closeSurgeryDateProposal(trx, open.id, { status: 'confirmed', decidedByUserId: actor.userId, decidedAt: at, decisionNote: null })) === 0) return false
    await insertAuditEntry(trx, actor, { action: 'surgery_date.confirmed', subjectType: 'case', subjectId: caseId, employerId: found.employerId, at, detail: JSON.stringify({ proposalId: open.id }) })
    return true
  })
  if (!result.ok) return { ok: false, fieldErrors: { proposalId: Object.values(result.fieldErrors).flat() } }
  return { ok: true }
}
