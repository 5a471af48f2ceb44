import type { Bundle, BundleEntry, CodeableConcept, Coding, Encounter, Extension, Location, Patient, Procedure, Reference, Resource } from '@medplum/fhirtypes'
import type { ExtractValue } from '~/domain/contracts/extracts'
import type { DataSharingField } from '~/domain/contracts/terms'

/*
 * A contract's data-sharing extract as a FHIR R4 Bundle (issue 23, ADR 0019), for partners who
 * take FHIR: the same window, the same episodes and the same fields as the CSV and JSON forms,
 * built from the same extract rows. Per episode a Patient (the contract's pseudonym as its only
 * identifier, nothing else), a Procedure and an Encounter; a Location per facility when the
 * contract shares the facility. Costs and outcomes, which FHIR has no core element for, are
 * extensions defined under the portal's URL. A field the contract does not name appears nowhere.
 * Pure: the service reads the rows, the names and the clock, and gives the ids.
 */

/** The base of every URL the portal defines for its FHIR output (code systems, identifiers, extensions). */
export const PORTAL_FHIR_BASE = 'https://coe-portal.example/fhir'
export const PROCEDURE_CODE_SYSTEM = `${PORTAL_FHIR_BASE}/CodeSystem/procedure`
export const FACILITY_ID_SYSTEM = `${PORTAL_FHIR_BASE}/NamingSystem/facility-id`
export const EXTRACT_STATUS_SYSTEM = `${PORTAL_FHIR_BASE}/CodeSystem/extract-window-status`
export const CPT_SYSTEM = 'http://www.ama-assn.org/go/cpt'
export const ACT_CODE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ActCode'
export const OBSERVATION_VALUE_SYSTEM = 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue'
export const DATA_ABSENT_REASON_URL = 'http://hl7.org/fhir/StructureDefinition/data-absent-reason'

/** The identifier system of a contract's member pseudonyms: one per contract, as the pseudonyms are. */
export const pseudonymSystem = (contractId: string) => `${PORTAL_FHIR_BASE}/contracts/${contractId}/member-pseudonym`
/** The identifier system of a contract's extract bundles (the value is the window key). */
export const extractSystem = (contractId: string) => `${PORTAL_FHIR_BASE}/contracts/${contractId}/extracts`

/**
 * CPT codes of the catalog's procedures that have one primary code (CPT is the AMA's: codes only,
 * no descriptions). Spinal fusion and coronary bypass span several CPT codes (levels, grafts), a
 * second opinion is not a procedure: those carry the portal's code alone.
 */
export const CPT_OF_PROCEDURE: Readonly<Record<string, string>> = {
  TKA: '27447',
  THA: '27130',
  BARIATRIC_SLEEVE: '43775',
}

type ExtensionKind = 'money' | 'boolean' | 'integer'
/** The extract fields carried as extensions on the Procedure: the episode's costs and outcomes. */
export const EPISODE_EXTENSIONS = {
  bundle_cents: { slug: 'episode-bundle-paid', kind: 'money' },
  travel_cents: { slug: 'episode-travel-paid', kind: 'money' },
  incentive_cents: { slug: 'episode-incentive-paid', kind: 'money' },
  other_claims_cents: { slug: 'episode-other-claims-in-warranty', kind: 'money' },
  warranty_credit_cents: { slug: 'episode-warranty-credits', kind: 'money' },
  complication_90d: { slug: 'episode-complication-90d', kind: 'boolean' },
  readmission_30d: { slug: 'episode-readmission-30d', kind: 'boolean' },
  satisfaction: { slug: 'episode-satisfaction', kind: 'integer' },
  patient_reported_outcomes: { slug: 'episode-patient-reported-outcomes', kind: 'boolean' },
  days_to_first_consult: { slug: 'episode-days-to-first-consult', kind: 'integer' },
} as const satisfies Partial<Record<DataSharingField, { slug: string; kind: ExtensionKind }>>
type ExtensionField = keyof typeof EPISODE_EXTENSIONS

export const extensionUrl = (field: ExtensionField) => `${PORTAL_FHIR_BASE}/StructureDefinition/${EPISODE_EXTENSIONS[field].slug}`

export interface EpisodeBundleInput {
  contractId: string
  window: { key: string; isComplete: boolean }
  /** The contract's fields (extractFields order); the rows carry exactly these. */
  fields: readonly DataSharingField[]
  rows: ReadonlyArray<Readonly<Record<string, ExtractValue>>>
  /** The catalog's procedures by code, for the display and the kind of stay (0 typical nights: ambulatory). */
  procedures: ReadonlyMap<string, { name: string; typicalNights: number }>
  /** The facilities by id, for the Location's name. */
  facilities: ReadonlyMap<string, { name: string }>
  /** The bundle's timestamp (ISO instant). */
  timestamp: string
  /** A new UUID for each resource (crypto.randomUUID in the service; a counter in tests). */
  newUuid: () => string
}

function read(row: Readonly<Record<string, ExtractValue>>, field: DataSharingField, type: 'string'): string | null
function read(row: Readonly<Record<string, ExtractValue>>, field: DataSharingField, type: 'number'): number | null
function read(row: Readonly<Record<string, ExtractValue>>, field: DataSharingField, type: 'boolean'): boolean | null
function read(row: Readonly<Record<string, ExtractValue>>, field: DataSharingField, type: 'string' | 'number' | 'boolean'): ExtractValue {
  const value = row[field] ?? null
  if (value !== null && typeof value !== type) throw new Error(`extract field ${field} is ${typeof value}, expected ${type}`)
  return value
}

/** A recorded value as the extension's value[x]; a value not recorded as a data-absent-reason ("unknown"), so the field is still there. */
function extensionOf(field: ExtensionField, value: ExtractValue): Extension {
  const url = extensionUrl(field)
  if (value === null) return { url, extension: [{ url: DATA_ABSENT_REASON_URL, valueCode: 'unknown' }] }
  const { kind } = EPISODE_EXTENSIONS[field]
  if (kind === 'boolean') {
    if (typeof value !== 'boolean') throw new Error(`extract field ${field} is not a boolean`)
    return { url, valueBoolean: value }
  }
  if (typeof value !== 'number' || !Number.isInteger(value)) throw new Error(`extract field ${field} is not a whole number`)
  return kind === 'money' ? { url, valueMoney: { value: value / 100, currency: 'USD' } } : { url, valueInteger: value }
}

const reference = <T extends Resource>(fullUrl: string, display?: string): Reference<T> => (display === undefined ? { reference: fullUrl } : { reference: fullUrl, display })

/**
 * The extract as a Bundle of type collection. An empty window is a bundle with no entry (FHIR has
 * no empty arrays, and `total` belongs to search and history bundles only). Patients: one per
 * pseudonym when the contract shares it (a member's episodes point to the same Patient); one per
 * episode, with nothing but its id, when it does not.
 */
export function buildEpisodeBundle(input: EpisodeBundleInput): Bundle {
  const { fields } = input
  const has = (field: DataSharingField) => fields.includes(field)
  const entries: BundleEntry[] = []
  const add = (resource: Resource & { id: string }) => {
    const fullUrl = `urn:uuid:${resource.id}`
    entries.push({ fullUrl, resource })
    return fullUrl
  }

  const locations = new Map<string, string>()
  const locationOf = (facilityId: string) => {
    const known = locations.get(facilityId)
    if (known) return known
    const facility = input.facilities.get(facilityId)
    const location: Location = {
      resourceType: 'Location',
      id: input.newUuid(),
      identifier: [{ system: FACILITY_ID_SYSTEM, value: facilityId }],
      status: 'active',
      ...(facility ? { name: facility.name } : {}),
    }
    const fullUrl = add(location as Location & { id: string })
    locations.set(facilityId, fullUrl)
    return fullUrl
  }

  const patients = new Map<string, string>()
  const patientOf = (pseudonym: string | null) => {
    const known = pseudonym === null ? undefined : patients.get(pseudonym)
    if (known) return known
    // Minimum necessary: the id, the pseudonymisation label and the pseudonym; no name, birth date, sex, address or telecom.
    const patient: Patient = {
      resourceType: 'Patient',
      id: input.newUuid(),
      meta: { security: [{ system: OBSERVATION_VALUE_SYSTEM, code: 'PSEUDED', display: 'pseudonymized' }] },
      ...(pseudonym === null ? {} : { identifier: [{ system: pseudonymSystem(input.contractId), value: pseudonym }] }),
    }
    const fullUrl = add(patient as Patient & { id: string })
    if (pseudonym !== null) patients.set(pseudonym, fullUrl)
    return fullUrl
  }

  for (const row of input.rows) {
    const pseudonym = has('member_pseudonym') ? read(row, 'member_pseudonym', 'string') : null
    const procedureCode = has('procedure_code') ? read(row, 'procedure_code', 'string') : null
    const facilityId = has('facility_id') ? read(row, 'facility_id', 'string') : null
    const procedureDate = has('procedure_date') ? read(row, 'procedure_date', 'string') : null
    const dischargeDate = has('discharge_date') ? read(row, 'discharge_date', 'string') : null
    const catalog = procedureCode === null ? undefined : input.procedures.get(procedureCode)

    const subject = reference<Patient>(patientOf(pseudonym))
    const location = facilityId === null ? null : reference<Location>(locationOf(facilityId), input.facilities.get(facilityId)?.name)

    const encounterId = input.newUuid()
    const encounterUrl = `urn:uuid:${encounterId}`
    const ambulatory = catalog !== undefined && catalog.typicalNights === 0
    const period = { ...(procedureDate === null ? {} : { start: procedureDate }), ...(dischargeDate === null ? {} : { end: dischargeDate }) }
    const encounter: Encounter = {
      resourceType: 'Encounter',
      id: encounterId,
      status: 'finished',
      class: ambulatory ? { system: ACT_CODE_SYSTEM, code: 'AMB', display: 'ambulatory' } : { system: ACT_CODE_SYSTEM, code: 'IMP', display: 'inpatient encounter' },
      subject,
      ...(Object.keys(period).length > 0 ? { period } : {}),
      ...(location ? { location: [{ location, status: 'completed' as const }] } : {}),
    }

    let code: CodeableConcept | undefined
    if (procedureCode !== null) {
      const coding: Coding[] = []
      const cpt = CPT_OF_PROCEDURE[procedureCode]
      if (cpt) coding.push({ system: CPT_SYSTEM, code: cpt })
      coding.push({ system: PROCEDURE_CODE_SYSTEM, code: procedureCode, ...(catalog ? { display: catalog.name } : {}) })
      code = { coding, ...(catalog ? { text: catalog.name } : {}) }
    }
    const extension = (Object.keys(EPISODE_EXTENSIONS) as ExtensionField[]).filter(has).map((field) => extensionOf(field, row[field] ?? null))
    const procedure: Procedure = {
      resourceType: 'Procedure',
      id: input.newUuid(),
      ...(extension.length > 0 ? { extension } : {}),
      status: 'completed',
      ...(code ? { code } : {}),
      subject,
      encounter: reference<Encounter>(encounterUrl),
      ...(procedureDate === null ? {} : { performedDateTime: procedureDate }),
      ...(location ? { location } : {}),
    }
    add(procedure as Procedure & { id: string })
    add(encounter as Encounter & { id: string })
  }

  return {
    resourceType: 'Bundle',
    meta: { tag: [{ system: EXTRACT_STATUS_SYSTEM, code: input.window.isComplete ? 'complete' : 'in-progress' }] },
    identifier: { system: extractSystem(input.contractId), value: input.window.key },
    type: 'collection',
    timestamp: input.timestamp,
    ...(entries.length > 0 ? { entry: entries } : {}),
  }
}
