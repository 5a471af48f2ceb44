import type { Bundle, Encounter, Extension, Location, Patient, Procedure, Resource } from '@medplum/fhirtypes'
import { describe, expect, it } from 'vitest'
import type { EpisodeRecord } from '~/domain/contracts/attribution'
import { extractFields, extractRow } from '~/domain/contracts/extracts'
import { DATA_SHARING_FIELDS, type DataSharingField } from '~/domain/contracts/terms'
import {
  ACT_CODE_SYSTEM,
  buildEpisodeBundle,
  CPT_SYSTEM,
  DATA_ABSENT_REASON_URL,
  EPISODE_EXTENSIONS,
  extensionUrl,
  extractSystem,
  FACILITY_ID_SYSTEM,
  PROCEDURE_CODE_SYSTEM,
  pseudonymSystem,
} from '~/domain/fhir/episode-bundle'

/*
 * The extract as a FHIR R4 Bundle (issue 23, ADR 0019), fed by the same rows as the CSV and JSON
 * forms (extractRow): per episode a Patient, a Procedure and an Encounter; nothing about the member
 * but the pseudonym; every reference inside the bundle; only the fields the contract names.
 */

const CONTRACT_ID = 'contract-7'
const PROCEDURES = new Map([
  ['TKA', { name: 'Total knee replacement', typicalNights: 2 }],
  ['SPINE_FUSION', { name: 'Lumbar spinal fusion', typicalNights: 3 }],
  ['CANCER_2ND_OPINION', { name: 'Cancer second opinion', typicalNights: 0 }],
])
const FACILITIES = new Map([
  ['facility-1', { name: 'Summit General (demo)' }],
  ['facility-2', { name: 'Summit North (demo)' }],
])

function record(n: number, values: { member?: string; procedureCode?: string; facilityId?: string; complication?: boolean | null; bundleCents?: number } = {}): EpisodeRecord {
  return {
    rosterMemberId: values.member ?? `member-${n}`,
    facilityId: values.facilityId ?? 'facility-1',
    procedureDate: `2026-10-0${n}`,
    dischargeDate: `2026-10-1${n}`,
    episode: {
      caseId: `case-${n}`,
      procedureCode: values.procedureCode ?? 'TKA',
      benchmarkCents: 4_567_800,
      bundleCents: values.bundleCents ?? 2_800_000,
      travelPaidCents: 120_050,
      incentiveCents: 50_000,
      otherClaimsCents: 625_000,
      warrantyCreditCents: 1_999,
      outcomes: { hadComplication90d: values.complication === undefined ? false : values.complication, wasReadmitted30d: true, satisfaction: 9, hasPatientReportedOutcomes: true, daysToFirstConsult: 6 },
    },
  }
}

/** A pseudonym that is visibly not the roster id (the service's is an HMAC). */
const pseudonymOf = (memberId: string) => `pseudo-${memberId.split('').reverse().join('')}`

function bundleOf(fields: readonly DataSharingField[], records: readonly EpisodeRecord[], window = { key: '2026-Q4', isComplete: true }) {
  let counter = 0
  const newUuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`
  const selected = extractFields(fields)
  const rows = records.map((r) => extractRow(selected, r, pseudonymOf))
  return buildEpisodeBundle({ contractId: CONTRACT_ID, window, fields: selected, rows, procedures: PROCEDURES, facilities: FACILITIES, timestamp: '2026-12-06T19:30:00.000Z', newUuid })
}

const resources = (bundle: Bundle) => (bundle.entry ?? []).map((entry) => entry.resource!)
const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']) => resources(bundle).filter((r): r is T => r.resourceType === type)
const resolve = (bundle: Bundle, reference: string | undefined) => bundle.entry!.find((entry) => entry.fullUrl === reference)?.resource

/** Every `reference` anywhere in the bundle (walks the JSON, so a reference added later is checked too). */
function referencesIn(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(referencesIn)
  if (value === null || typeof value !== 'object') return []
  return Object.entries(value).flatMap(([key, inner]) => (key === 'reference' && typeof inner === 'string' ? [inner] : referencesIn(inner)))
}

const EXTENSION_FIELDS = Object.keys(EPISODE_EXTENSIONS) as Array<keyof typeof EPISODE_EXTENSIONS>
const DEFAULT_DRAFT: DataSharingField[] = ['member_pseudonym', 'procedure_code', 'facility_id', 'procedure_date', 'complication_90d', 'readmission_30d']

const SELECTIONS: Array<[string, DataSharingField[]]> = [
  ['every field', [...DATA_SHARING_FIELDS]],
  ["the drafted contract's fields", DEFAULT_DRAFT],
  ['costs only, no pseudonym, code, facility or dates', ['bundle_cents', 'warranty_credit_cents']],
  ['the pseudonym and the dates only', ['discharge_date', 'member_pseudonym', 'procedure_date']],
]

describe.each(SELECTIONS)('a window of three episodes, sharing %s', (_name, fields) => {
  const records = [record(1), record(2, { facilityId: 'facility-2', complication: null }), record(3, { procedureCode: 'SPINE_FUSION' })]
  const bundle = bundleOf(fields, records)
  const procedures = ofType<Procedure>(bundle, 'Procedure')

  it('is a collection with one Procedure, one Encounter and a Patient per episode', () => {
    expect(bundle.resourceType).toBe('Bundle')
    expect(bundle.type).toBe('collection')
    expect(bundle.total).toBeUndefined()
    expect(bundle.identifier).toEqual({ system: extractSystem(CONTRACT_ID), value: '2026-Q4' })
    expect(procedures).toHaveLength(3)
    expect(ofType<Encounter>(bundle, 'Encounter')).toHaveLength(3)
    expect(ofType<Patient>(bundle, 'Patient')).toHaveLength(3)
    for (const procedure of procedures) {
      expect(procedure.status).toBe('completed')
      const patient = resolve(bundle, procedure.subject.reference)
      const encounter = resolve(bundle, procedure.encounter?.reference) as Encounter
      expect(patient?.resourceType).toBe('Patient')
      expect(encounter.resourceType).toBe('Encounter')
      expect(encounter.subject?.reference).toBe(procedure.subject.reference)
      expect(encounter.status).toBe('finished')
      expect(encounter.class).toEqual({ system: ACT_CODE_SYSTEM, code: 'IMP', display: 'inpatient encounter' })
    }
  })

  it('has unique full URLs and every reference resolves inside the bundle', () => {
    const fullUrls = bundle.entry!.map((entry) => entry.fullUrl)
    expect(new Set(fullUrls).size).toBe(fullUrls.length)
    for (const entry of bundle.entry!) expect(entry.fullUrl).toBe(`urn:uuid:${entry.resource!.id}`)
    const references = referencesIn(bundle)
    expect(references.length).toBeGreaterThanOrEqual(6)
    for (const reference of references) expect(fullUrls, reference).toContain(reference)
  })

  it('names the member by the pseudonym alone, and only when the contract shares it', () => {
    for (const patient of ofType<Patient>(bundle, 'Patient')) {
      const shared = fields.includes('member_pseudonym')
      expect(Object.keys(patient).sort()).toEqual(shared ? ['id', 'identifier', 'meta', 'resourceType'] : ['id', 'meta', 'resourceType'])
      expect(patient.meta).toEqual({ security: [{ system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'PSEUDED', display: 'pseudonymized' }] })
      if (shared) expect(patient.identifier).toEqual([{ system: pseudonymSystem(CONTRACT_ID), value: expect.stringMatching(/^pseudo-/) }])
    }
    const text = JSON.stringify(bundle)
    for (const identifying of ['member-1', 'member-2', 'case-1', 'case-2', 'benchmark', '4567800', '45678']) expect(text).not.toContain(identifying)
  })

  it('carries exactly the fields the contract names', () => {
    const has = (field: DataSharingField) => fields.includes(field)
    for (const procedure of procedures) {
      expect((procedure.extension ?? []).map((e) => e.url)).toEqual(EXTENSION_FIELDS.filter(has).map(extensionUrl))
      expect(procedure.code !== undefined).toBe(has('procedure_code'))
      expect(procedure.performedDateTime !== undefined).toBe(has('procedure_date'))
      expect(procedure.location !== undefined).toBe(has('facility_id'))
      const encounter = resolve(bundle, procedure.encounter?.reference) as Encounter
      expect(encounter.period?.start !== undefined).toBe(has('procedure_date'))
      expect(encounter.period?.end !== undefined).toBe(has('discharge_date'))
      expect(encounter.location !== undefined).toBe(has('facility_id'))
    }
    expect(ofType<Location>(bundle, 'Location')).toHaveLength(has('facility_id') ? 2 : 0)
    const text = JSON.stringify(bundle)
    if (!has('facility_id')) expect(text).not.toContain('facility-')
    if (!has('procedure_code')) for (const hidden of ['TKA', 'SPINE_FUSION', 'knee', CPT_SYSTEM]) expect(text).not.toContain(hidden)
    if (!has('procedure_date')) expect(text).not.toContain('2026-10-0')
    if (!has('bundle_cents')) expect(text).not.toContain('28000')
  })
})

describe('the elements of an episode', () => {
  const bundle = bundleOf([...DATA_SHARING_FIELDS], [record(1), record(2, { procedureCode: 'SPINE_FUSION', facilityId: 'facility-2', complication: null, bundleCents: 1_999 })])
  const [knee, spine] = ofType<Procedure>(bundle, 'Procedure')
  const extensionsOf = (procedure: Procedure) => Object.fromEntries((procedure.extension ?? []).map((e) => [e.url.split('/').pop()!, e]))

  it.each<[string, keyof typeof EPISODE_EXTENSIONS, Omit<Extension, 'url'>]>([
    ['the bundle paid, in dollars from cents', 'bundle_cents', { valueMoney: { value: 28_000, currency: 'USD' } }],
    ['travel paid, to the cent', 'travel_cents', { valueMoney: { value: 1_200.5, currency: 'USD' } }],
    ['the incentive', 'incentive_cents', { valueMoney: { value: 500, currency: 'USD' } }],
    ['other claims within the warranty window', 'other_claims_cents', { valueMoney: { value: 6_250, currency: 'USD' } }],
    ['warranty credits', 'warranty_credit_cents', { valueMoney: { value: 19.99, currency: 'USD' } }],
    ['a complication as a boolean', 'complication_90d', { valueBoolean: false }],
    ['a readmission as a boolean', 'readmission_30d', { valueBoolean: true }],
    ['satisfaction 0–10 as an integer', 'satisfaction', { valueInteger: 9 }],
    ['patient-reported outcomes answered', 'patient_reported_outcomes', { valueBoolean: true }],
    ['days to first consult', 'days_to_first_consult', { valueInteger: 6 }],
  ])('%s', (_name, field, value) => {
    expect(extensionsOf(knee!)[EPISODE_EXTENSIONS[field].slug]).toEqual({ url: extensionUrl(field), ...value })
  })

  it('an outcome not recorded is still there, as a data-absent-reason "unknown" and no value', () => {
    expect(extensionsOf(spine!)['episode-complication-90d']).toEqual({ url: extensionUrl('complication_90d'), extension: [{ url: DATA_ABSENT_REASON_URL, valueCode: 'unknown' }] })
    expect(extensionsOf(spine!)['episode-bundle-paid']).toEqual({ url: extensionUrl('bundle_cents'), valueMoney: { value: 19.99, currency: 'USD' } })
  })

  it('codes a procedure with CPT where the catalog procedure has one primary code, and always with the portal code and name', () => {
    expect(knee!.code).toEqual({
      coding: [{ system: CPT_SYSTEM, code: '27447' }, { system: PROCEDURE_CODE_SYSTEM, code: 'TKA', display: 'Total knee replacement' }],
      text: 'Total knee replacement',
    })
    expect(spine!.code).toEqual({ coding: [{ system: PROCEDURE_CODE_SYSTEM, code: 'SPINE_FUSION', display: 'Lumbar spinal fusion' }], text: 'Lumbar spinal fusion' })
  })

  it('dates the procedure and the stay: performed on the procedure date, the encounter from it to the discharge', () => {
    expect(knee!.performedDateTime).toBe('2026-10-01')
    expect((resolve(bundle, knee!.encounter?.reference) as Encounter).period).toEqual({ start: '2026-10-01', end: '2026-10-11' })
  })

  it('places both at the facility: one Location per facility, with its portal id and name', () => {
    const location = resolve(bundle, knee!.location?.reference) as Location
    expect(location).toEqual({ resourceType: 'Location', id: expect.any(String), identifier: [{ system: FACILITY_ID_SYSTEM, value: 'facility-1' }], status: 'active', name: 'Summit General (demo)' })
    expect(knee!.location?.display).toBe('Summit General (demo)')
    expect((resolve(bundle, knee!.encounter?.reference) as Encounter).location).toEqual([{ location: knee!.location, status: 'completed' }])
    expect((resolve(bundle, spine!.location?.reference) as Location).identifier![0]!.value).toBe('facility-2')
  })
})

describe('patients and stays', () => {
  it("a member's two episodes in the window point to one Patient when the pseudonym is shared", () => {
    const bundle = bundleOf(DEFAULT_DRAFT, [record(1, { member: 'member-9' }), record(2, { member: 'member-9' }), record(3)])
    expect(ofType<Patient>(bundle, 'Patient')).toHaveLength(2)
    const [first, second, third] = ofType<Procedure>(bundle, 'Procedure')
    expect(second!.subject.reference).toBe(first!.subject.reference)
    expect(third!.subject.reference).not.toBe(first!.subject.reference)
  })

  it('without the pseudonym nothing links two episodes: a Patient each', () => {
    const bundle = bundleOf(['bundle_cents'], [record(1, { member: 'member-9' }), record(2, { member: 'member-9' })])
    expect(ofType<Patient>(bundle, 'Patient')).toHaveLength(2)
  })

  it('a procedure with no night in hospital is an ambulatory encounter', () => {
    const bundle = bundleOf(DEFAULT_DRAFT, [record(1, { procedureCode: 'CANCER_2ND_OPINION' })])
    expect(ofType<Encounter>(bundle, 'Encounter')[0]!.class).toEqual({ system: ACT_CODE_SYSTEM, code: 'AMB', display: 'ambulatory' })
  })
})

describe('the window', () => {
  it('an empty window is a collection with no entry and no total', () => {
    const bundle = bundleOf(DEFAULT_DRAFT, [])
    expect(bundle).toEqual({
      resourceType: 'Bundle',
      meta: { tag: [{ system: expect.stringMatching(/extract-window-status$/), code: 'complete' }] },
      identifier: { system: extractSystem(CONTRACT_ID), value: '2026-Q4' },
      type: 'collection',
      timestamp: '2026-12-06T19:30:00.000Z',
    })
    expect(JSON.stringify(bundle)).not.toContain('[]')
  })

  it('a window still running is tagged in progress', () => {
    expect(bundleOf(DEFAULT_DRAFT, [record(1)], { key: '2026-12', isComplete: false }).meta?.tag?.[0]?.code).toBe('in-progress')
  })

  it('a row whose field has the wrong type is a programming error, not a silent bundle', () => {
    expect(() =>
      buildEpisodeBundle({
        contractId: CONTRACT_ID, window: { key: '2026-Q4', isComplete: true }, fields: ['procedure_code'], rows: [{ procedure_code: 27447 }], procedures: PROCEDURES, facilities: FACILITIES,
        timestamp: '2026-12-06T19:30:00.000Z', newUuid: () => 'x',
      }),
    ).toThrow('extract field procedure_code is number, expected string')
  })
})
