import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { z } from 'zod'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import {
  findPartyContract,
  insertContract,
  insertContractSignature,
  insertContractVersion,
  insertVersionFacilities,
  listContractVersions,
  listHealthSystemFacilityNames,
  listHealthSystemOffers,
  listKnownProcedureCodes,
  listPartyContracts,
  listProgramNetworkOffers,
  listVersionSignatures,
  lockSentVersion,
  updateContract,
  updateOpenContractVersion,
} from '~/db/repositories/contracts.server'
import { findProgram, listPrograms } from '~/db/repositories/programs.server'
import type { Database } from '~/db/schema'
import { draftContractTerms, type NetworkOffer } from '~/domain/contracts/draft'
import { ContractTermsSchema, redline, type BundleInclusion, type ContractTerms, type TermChange } from '~/domain/contracts/terms'
import { toIsoDate } from '~/domain/dates'
import type { Actor, ContractParty, EmployerScope } from '~/domain/tenancy'
import type { ContractIntentSchema } from '~/forms/contract'
import { termsFieldErrors, termsInputFromForm, termsToFormValues, type TermsFormValues } from '~/forms/contract-terms'
import { notFound } from '~/http/responses.server'
import { listRateWarnings } from './contract-backing.server'
import { syncContractPeriods } from './contract-periods.server'
import { typicalLocalPrices } from './typical-prices.server'

/*
 * The contract lifecycle (issue 21, DESIGN §11, ADR 0016): a purchaser's admin drafts a contract
 * from a program's network; either side edits the open version and sends it to the other; each
 * side signs; the second signature on the same terms hash makes the version signed and the
 * contract active. A signed version never changes: a change is a new version both sign. Every
 * step is audited, with the redline of a save.
 */

export type ContractActionResult = { ok: true } | { ok: false; formError?: string; fieldErrors?: Record<string, string[]> }

export const SIGNED_VERSION_MESSAGE = 'This version is signed and cannot change. Start a new version to change the contract; both sides sign it again.'
const OPEN_VERSION_MESSAGE = 'This contract already has a version under negotiation: change that one.'
const SEND_FIRST_MESSAGE = 'Send this version before signing: both sides sign terms they have both seen.'
const ALREADY_SENT_MESSAGE = 'This version was already sent and has not changed since.'
const CHANGED_WHILE_SIGNING_MESSAGE = 'The terms changed while you were signing: read the new terms, then sign them.'
const ALREADY_SIGNED_MESSAGE = 'You have already signed these terms; the other side signs next.'

/** The one serialization whose SHA-256 a signature binds: the schema's output, keys in schema order. */
function serialize(terms: ContractTerms): { json: string; sha256: string } {
  const json = JSON.stringify(terms)
  return { json, sha256: createHash('sha256').update(json, 'utf8').digest('hex') }
}

/** Stored terms are parsed again on every read (ADR 0003): a document that no longer parses is a bug, not a user error. */
function parseTerms(json: string): ContractTerms {
  return ContractTermsSchema.parse(JSON.parse(json))
}

const audit = (actor: Actor, contract: { id: string; purchaserOrganizationId: string }, action: string, at: string, detail: Record<string, unknown>) =>
  (db: Parameters<typeof insertAuditEntry>[0]) =>
    insertAuditEntry(db, actor, { action, subjectType: 'contract', subjectId: contract.id, employerId: contract.purchaserOrganizationId, at, detail: JSON.stringify(detail) })

/** The party's contracts, newest first, for the list pages. */
export async function listContracts(party: ContractParty) {
  const rows = await listPartyContracts(getDb(), party)
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    status: row.status,
    otherParty: party.side === 'purchaser' ? row.healthSystemName : row.purchaserName,
    latestVersion: row.latestVersion === null ? null : Number(row.latestVersion),
    updatedAt: row.updatedAt,
  }))
}

/** The employer's programs, to choose the network a draft starts from. */
export async function listContractablePrograms(scope: EmployerScope) {
  const programs = await listPrograms(getDb(), scope)
  return programs.map((program) => ({ id: program.id, name: program.name, version: program.version, status: program.status }))
}

/** The health systems with offers in the program's network: who a draft can be made with. */
export async function getNewContractOptions(scope: EmployerScope, programId: string) {
  const db = getDb()
  const program = await findProgram(db, scope, programId)
  if (!program) throw notFound('Program')
  const offers = await listProgramNetworkOffers(db, scope, programId)
  const systems = new Map<string, { id: string; name: string; offers: number; procedures: Set<string> }>()
  for (const offer of offers) {
    const system = systems.get(offer.healthSystemId) ?? { id: offer.healthSystemId, name: offer.healthSystemName, offers: 0, procedures: new Set<string>() }
    system.offers += 1
    system.procedures.add(offer.procedureCode)
    systems.set(offer.healthSystemId, system)
  }
  return {
    program: { id: program.id, name: program.name },
    healthSystems: [...systems.values()].map((system) => ({ id: system.id, name: system.name, offers: system.offers, procedures: [...system.procedures].sort() })),
  }
}

export const inclusionsOf = (offer: { includesFacility: number; includesSurgeon: number; includesAnesthesia: number; includesImplant: number; includesFollowUp: number }) =>
  (
    [
      ['facility', offer.includesFacility],
      ['surgeon', offer.includesSurgeon],
      ['anesthesia', offer.includesAnesthesia],
      ['implant', offer.includesImplant],
      ['follow_up_visits', offer.includesFollowUp],
    ] as const
  )
    .filter(([, included]) => included === 1)
    .map(([inclusion]) => inclusion as BundleInclusion)

/**
 * The first draft's terms with one health system of the program's network: its offers' rates, the
 * typical local prices where the purchaser's covered members live as benchmarks, its facilities in
 * the program as the network (DESIGN §11; the demo seed drafts its contracts with it too).
 */
export async function draftTermsFromProgram(
  db: Kysely<Database>,
  scope: EmployerScope,
  input: { programId: string; healthSystemId: string },
  today: string,
): Promise<{ ok: true; program: { id: string; name: string }; terms: ContractTerms } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const program = await findProgram(db, scope, input.programId)
  if (!program) throw notFound('Program')
  const rows = (await listProgramNetworkOffers(db, scope, input.programId)).filter((row) => row.healthSystemId === input.healthSystemId)
  if (rows.length === 0) return { ok: false, fieldErrors: { healthSystemId: ["Choose a health system with offers in this program's network"] } }
  const procedures = [...new Map(rows.map((row) => [row.procedureId, { id: row.procedureId, code: row.procedureCode }])).values()]
  const { forMembers: benchmarkCents } = await typicalLocalPrices(db, scope, procedures, today)
  const offers: NetworkOffer[] = rows.map((row) => ({
    offerId: row.offerId,
    facilityId: row.facilityId,
    procedureCode: row.procedureCode,
    bundleCents: row.bundlePriceCents,
    includes: inclusionsOf(row),
    warrantyDays: row.warrantyDays,
    appointmentWithinDays: row.appointmentWithinDays,
  }))
  return { ok: true, program: { id: program.id, name: program.name }, terms: draftContractTerms({ offers, benchmarkCents, today }) }
}

/** A draft contract with one health system of the program's network (draftTermsFromProgram), audited. */
export async function createContractDraft(
  actor: Actor,
  scope: EmployerScope,
  input: { programId: string; healthSystemId: string; title: string },
  now = new Date(),
): Promise<{ ok: true; contractId: string } | { ok: false; fieldErrors: Record<string, string[]> }> {
  const db = getDb()
  const drafted = await draftTermsFromProgram(db, scope, input, toIsoDate(now))
  if (!drafted.ok) return drafted
  const contractId = await insertDraftContract(
    db,
    actor,
    { purchaserOrganizationId: scope.employerId, healthSystemOrganizationId: input.healthSystemId, title: input.title, sourceProgramId: drafted.program.id, terms: drafted.terms },
    now,
  )
  return { ok: true, contractId }
}

/**
 * Writes a new contract and its version 1 draft with these terms, audited (`contract.created`):
 * the one place a contract is made, for an employer's draft from its program and a coalition's
 * from a health system's offers (issue 23).
 */
export async function insertDraftContract(
  db: Kysely<Database>,
  actor: Actor,
  draft: { purchaserOrganizationId: string; healthSystemOrganizationId: string; title: string; sourceProgramId: string | null; terms: ContractTerms },
  now: Date,
): Promise<string> {
  const { json, sha256 } = serialize(draft.terms)
  const contractId = newId()
  const at = now.toISOString()
  await db.transaction().execute(async (trx) => {
    await insertContract(trx, {
      id: contractId,
      purchaserOrganizationId: draft.purchaserOrganizationId,
      healthSystemOrganizationId: draft.healthSystemOrganizationId,
      title: draft.title,
      status: 'draft',
      sourceProgramId: draft.sourceProgramId,
      pseudonymSecret: randomBytes(32).toString('hex'),
      firstSentAt: null,
      createdAt: at,
      createdByUserId: actor.userId,
      updatedAt: at,
    })
    await insertContractVersion(trx, {
      id: newId(), contractId, version: 1, status: 'draft', terms: json, termsSha256: sha256, baseTerms: json, roundStartTerms: null, sentTerms: null,
      basedOnVersionId: null, createdByUserId: actor.userId, createdAt: at, updatedAt: at, editedByOrganizationId: null, sentAt: null, sentByOrganizationId: null,
      signedAt: null,
    })
    await audit(actor, { id: contractId, purchaserOrganizationId: draft.purchaserOrganizationId }, 'contract.created', at, {
      ...(draft.sourceProgramId === null ? { procedures: draft.terms.bundleRates.map((rate) => rate.procedureCode) } : { programId: draft.sourceProgramId }),
      healthSystemId: draft.healthSystemOrganizationId,
      version: 1,
      termsSha256: sha256,
    })(trx)
  })
  return contractId
}

/** The contract the party may see, its versions (newest first) and the open or newest one; 404 otherwise. */
async function loadContract(party: ContractParty, contractId: string) {
  const db = getDb()
  const contract = await findPartyContract(db, party, contractId)
  if (!contract) throw notFound('Contract')
  const versions = await listContractVersions(db, contractId)
  const current = versions[0]
  if (!current) throw notFound('Contract')
  return { contract, versions, current }
}

interface Redline {
  title: string
  changes: TermChange[]
}

/** Everything a contract page shows to one side. */
export async function getContractView(party: ContractParty, contractId: string, now = new Date()) {
  const db = getDb()
  const { contract, versions, current } = await loadContract(party, contractId)
  const [facilities, signatures] = await Promise.all([
    listHealthSystemFacilityNames(db, contract.healthSystemOrganizationId),
    listVersionSignatures(db, versions.map((version) => version.id)),
  ])
  const facilityNames = Object.fromEntries(facilities.map((facility) => [facility.id, facility.name]))
  const terms = parseTerms(current.terms)
  const nameOf = (organizationId: string | null) =>
    organizationId === contract.purchaserOrganizationId ? contract.purchaserName : organizationId === contract.healthSystemOrganizationId ? contract.healthSystemName : 'the other side'
  const compare = (title: string, before: string, after: string): Redline => ({ title, changes: redline(parseTerms(before), parseTerms(after), facilityNames) })

  const redlines: Redline[] = []
  if (current.sentTerms !== null && current.sentAt !== null) {
    redlines.push(compare(`Changes ${nameOf(current.sentByOrganizationId)} sent on ${current.sentAt.slice(0, 10)}`, current.roundStartTerms ?? current.baseTerms, current.sentTerms))
  }
  const unsent = compare(
    `Changes not sent yet${current.editedByOrganizationId ? ` (by ${nameOf(current.editedByOrganizationId)})` : ''}`,
    current.sentTerms ?? current.baseTerms,
    current.terms,
  )
  if (current.status !== 'signed' && unsent.changes.length > 0) redlines.push(unsent)
  const lastSigned = versions.find((version) => version.status === 'signed' && version.id !== current.id)
  if (lastSigned) redlines.push(compare(`Changes since signed version ${lastSigned.version}`, lastSigned.terms, current.terms))

  // Copied rates whose offers changed since (ADR 0016 §4): read-only, the rate in the terms counts.
  const rateWarnings = await listRateWarnings(db, contract.healthSystemOrganizationId, terms, toIsoDate(now))
  const ownSignature = signatures.find((s) => s.versionId === current.id && s.organizationId === party.organizationId && s.termsSha256 === current.termsSha256)
  const isOpen = current.status !== 'signed'
  return {
    side: party.side,
    contract: {
      id: contract.id,
      title: contract.title,
      status: contract.status,
      purchaserName: contract.purchaserName,
      healthSystemName: contract.healthSystemName,
      otherParty: party.side === 'purchaser' ? contract.healthSystemName : contract.purchaserName,
      inForceVersion: versions.find((version) => version.status === 'signed')?.version ?? null,
    },
    version: {
      number: current.version,
      status: current.status,
      termsSha256: current.termsSha256,
      sentAt: current.sentAt,
      sentBy: current.sentByOrganizationId === null ? null : nameOf(current.sentByOrganizationId),
      isWaitingForOtherSide: current.status === 'sent' && current.sentByOrganizationId === party.organizationId,
      signedAt: current.signedAt,
    },
    versions: versions.map((version) => ({ number: version.version, status: version.status, sentAt: version.sentAt, signedAt: version.signedAt })),
    signatures: signatures
      .filter((s) => s.versionId === current.id)
      .map((s) => ({ organizationName: s.organizationName, userName: s.userName, signedAt: s.signedAt, isOnCurrentTerms: s.termsSha256 === current.termsSha256 })),
    redlines,
    values: termsToFormValues(terms),
    procedures: terms.bundleRates.map((rate) => rate.procedureCode),
    benchmarkCount: terms.benchmarks.length,
    rateWarnings,
    facilities: facilities.map((facility) => ({ id: facility.id, name: facility.name, place: `${facility.city}, ${facility.state}` })),
    can: {
      edit: isOpen,
      send: current.status === 'draft',
      sign: current.status === 'sent' && !ownSignature,
      startNewVersion: current.status === 'signed',
    },
  }
}

/** Saves the open version's terms from the form; each change is audited with its redline. */
export async function saveContractTerms(actor: Actor, party: ContractParty, contractId: string, values: TermsFormValues, now = new Date()): Promise<ContractActionResult> {
  const { contract, current } = await loadContract(party, contractId)
  if (current.status === 'signed') return { ok: false, formError: SIGNED_VERSION_MESSAGE }
  const { input, goalMeasures } = termsInputFromForm(values)
  const parsed = ContractTermsSchema.safeParse(input)
  if (!parsed.success) return { ok: false, fieldErrors: termsFieldErrors(parsed.error.issues, goalMeasures) }
  const db = getDb()
  const rates = parsed.data.bundleRates
  const [facilities, knownCodes, offers] = await Promise.all([
    listHealthSystemFacilityNames(db, contract.healthSystemOrganizationId),
    listKnownProcedureCodes(db, rates.map((rate) => rate.procedureCode)),
    listHealthSystemOffers(db, contract.healthSystemOrganizationId, rates.flatMap((rate) => (rate.sourceOfferId === null ? [] : [rate.sourceOfferId]))),
  ])
  // Rules that need the database: catalog procedures, the system's own offers and facilities.
  const fieldErrors: Record<string, string[]> = {}
  rates.forEach((rate, index) => {
    if (!knownCodes.has(rate.procedureCode)) fieldErrors[`bundleRates[${index}]`] = ['Choose a procedure of the catalog']
    else if (rate.sourceOfferId !== null && !offers.some((offer) => offer.id === rate.sourceOfferId && offer.procedureCode === rate.procedureCode)) {
      fieldErrors[`bundleRates[${index}]`] = [`Choose an offer of ${contract.healthSystemName} for this procedure, or none`]
    }
  })
  const known = new Set(facilities.map((facility) => facility.id))
  if (parsed.data.networkFacilityIds.some((id) => !known.has(id))) fieldErrors.networkFacilityIds = [`Choose facilities of ${contract.healthSystemName}`]
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors }
  const { json, sha256 } = serialize(parsed.data)
  if (sha256 === current.termsSha256) return { ok: true }
  const changes = redline(parseTerms(current.terms), parsed.data, Object.fromEntries(facilities.map((facility) => [facility.id, facility.name])))
  const at = now.toISOString()
  const saved = await db.transaction().execute(async (trx) => {
    const updated = await updateOpenContractVersion(trx, current.id, { terms: json, termsSha256: sha256, status: 'draft', editedByOrganizationId: party.organizationId, updatedAt: at })
    if (!updated) return false
    await updateContract(trx, contract.id, { updatedAt: at })
    await audit(actor, contract, 'contract.terms_saved', at, { version: current.version, termsSha256: sha256, changes: changes.map((change) => change.text) })(trx)
    return true
  })
  return saved ? { ok: true } : { ok: false, formError: SIGNED_VERSION_MESSAGE }
}

/** Sends the open version to the other side (the first send shows the contract to the health system). */
export async function sendContractVersion(actor: Actor, party: ContractParty, contractId: string, now = new Date()): Promise<ContractActionResult> {
  const { contract, current } = await loadContract(party, contractId)
  if (current.status === 'signed') return { ok: false, formError: SIGNED_VERSION_MESSAGE }
  if (current.status === 'sent') return { ok: false, formError: ALREADY_SENT_MESSAGE }
  const at = now.toISOString()
  await getDb().transaction().execute(async (trx) => {
    await updateOpenContractVersion(trx, current.id, {
      status: 'sent',
      roundStartTerms: current.sentTerms ?? current.baseTerms,
      sentTerms: current.terms,
      sentAt: at,
      sentByOrganizationId: party.organizationId,
      updatedAt: at,
    })
    await updateContract(trx, contract.id, { updatedAt: at, ...(contract.firstSentAt === null ? { firstSentAt: at } : {}) })
    await audit(actor, contract, 'contract.sent', at, { version: current.version, termsSha256: current.termsSha256, side: party.side })(trx)
  })
  return { ok: true }
}

/**
 * Signs the sent version's terms for the party's side. The second side's signature on the same
 * hash makes the version signed, mirrors its network, makes the contract active, and makes (or
 * moves to this version) its reconciliation periods.
 */
export async function signContractVersion(actor: Actor, party: ContractParty, contractId: string, now = new Date()): Promise<ContractActionResult> {
  const { contract, current } = await loadContract(party, contractId)
  if (current.status === 'signed') return { ok: false, formError: SIGNED_VERSION_MESSAGE }
  if (current.status !== 'sent') return { ok: false, formError: SEND_FIRST_MESSAGE }
  const at = now.toISOString()
  return getDb().transaction().execute(async (trx): Promise<ContractActionResult> => {
    if (!(await lockSentVersion(trx, current.id, current.termsSha256, current.updatedAt))) return { ok: false, formError: CHANGED_WHILE_SIGNING_MESSAGE }
    const signatures = (await listVersionSignatures(trx, [current.id])).filter((s) => s.termsSha256 === current.termsSha256)
    if (signatures.some((s) => s.organizationId === party.organizationId)) return { ok: false, formError: ALREADY_SIGNED_MESSAGE }
    await insertContractSignature(trx, { id: newId(), versionId: current.id, organizationId: party.organizationId, userId: actor.userId, signedAt: at, termsSha256: current.termsSha256 })
    await audit(actor, contract, 'contract.signed', at, { version: current.version, termsSha256: current.termsSha256, side: party.side })(trx)
    const otherSide = party.side === 'purchaser' ? contract.healthSystemOrganizationId : contract.purchaserOrganizationId
    if (signatures.some((s) => s.organizationId === otherSide)) {
      const signed = await updateOpenContractVersion(trx, current.id, { status: 'signed', signedAt: at, updatedAt: at })
      if (!signed) throw new Error(`contract version ${current.id} was signed twice`)
      const terms = parseTerms(current.terms)
      await insertVersionFacilities(trx, current.id, terms.networkFacilityIds)
      await updateContract(trx, contract.id, { status: 'active', updatedAt: at })
      await audit(actor, contract, 'contract.version_signed', at, { version: current.version, termsSha256: current.termsSha256 })(trx)
      await syncContractPeriods(trx, actor, contract, current, terms, at)
    }
    return { ok: true }
  })
}

/** A new version copied from the signed one, for a change both sides sign again; the signed one stays in force meanwhile. */
export async function startNewContractVersion(actor: Actor, party: ContractParty, contractId: string, now = new Date()): Promise<ContractActionResult> {
  const { contract, current } = await loadContract(party, contractId)
  if (current.status !== 'signed') return { ok: false, formError: OPEN_VERSION_MESSAGE }
  const at = now.toISOString()
  await getDb().transaction().execute(async (trx) => {
    await insertContractVersion(trx, {
      id: newId(), contractId: contract.id, version: current.version + 1, status: 'draft', terms: current.terms, termsSha256: current.termsSha256, baseTerms: current.terms,
      roundStartTerms: null, sentTerms: null, basedOnVersionId: current.id, createdByUserId: actor.userId, createdAt: at, updatedAt: at,
      editedByOrganizationId: null, sentAt: null, sentByOrganizationId: null, signedAt: null,
    })
    await updateContract(trx, contract.id, { updatedAt: at })
    await audit(actor, contract, 'contract.version_started', at, { version: current.version + 1, basedOn: current.version, side: party.side })(trx)
  })
  return { ok: true }
}

export type ContractIntent = z.output<typeof ContractIntentSchema>

/** 404 unless the party may see the contract (before an action reads its form). */
export async function requireVisibleContract(party: ContractParty, contractId: string): Promise<void> {
  await loadContract(party, contractId)
}

/** One button of the contract page: save the terms, send, sign, or start a new version. */
export function performContractAction(actor: Actor, party: ContractParty, contractId: string, intent: ContractIntent, values: TermsFormValues, now = new Date()) {
  switch (intent) {
    case 'save':
      return saveContractTerms(actor, party, contractId, values, now)
    case 'send':
      return sendContractVersion(actor, party, contractId, now)
    case 'sign':
      return signContractVersion(actor, party, contractId, now)
    case 'new-version':
      return startNewContractVersion(actor, party, contractId, now)
  }
}
