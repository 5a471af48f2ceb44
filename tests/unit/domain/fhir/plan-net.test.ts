import type { Bundle, HealthcareService, InsurancePlan, Location, Organization, OrganizationAffiliation, Resource } from '@medplum/fhirtypes'
import { describe, expect, it } from 'vitest'
import { buildPlanNetBundle, DEMO_OFFER_COMMENT, insuranceProductType, serviceCategory, type PlanNetInput, type PlanNetNetworkRow } from '~/domain/fhir/plan-net'
import { planNetProblems, PROFILE, profileOf, referencesIn } from './plan-net-profiles'

/*
 * The Plan-Net builder (issue 23, ADR 0017). The profiles' cardinalities and bindings the bundle
 * must meet are written down, with the IG pages they come from, in ./plan-net-profiles.ts; these
 * tests apply them to bundles built from small networks, and show that the checker catches each
 * kind of violation.
 */

const BASE = 'https://portal.example/fhir'
const uuid = (n: number) => `0190a000-0000-7000-8000-${String(n).padStart(12, '0')}`
const ids = { employer: uuid(1), program: uuid(2), tka: uuid(3), tha: uuid(4), systemA: uuid(5), f1: uuid(11), f2: uuid(12), f3: uuid(13) }

const row = (over: Partial<PlanNetNetworkRow> & Pick<PlanNetNetworkRow, 'offerId' | 'procedureId' | 'facilityId'>): PlanNetNetworkRow => ({
  offerStatus: 'active',
  isDemo: 0,
  facilityName: 'Riverside Methodist Hospital',
  ccn: '360006',
  address: '3535 Olentangy River Rd',
  city: 'Columbus',
  state: 'OH',
  zip: '43214',
  phone: '(614) 566-5000',
  latitude: 40.03,
  longitude: -83.03,
  facilityType: 'Acute Care Hospitals',
  healthSystemId: ids.systemA,
  healthSystemName: 'OhioHealth (demo)',
  ...over,
})

/** Two facilities of one health system (the first offering both procedures), and one facility of none, without coordinates. */
const input = (over: Partial<PlanNetInput> = {}): PlanNetInput => ({
  baseUrl: BASE,
  generatedAt: '2026-12-06T12:00:00.000Z',
  employer: { id: ids.employer, name: 'Acme Manufacturing (demo)' },
  program: { id: ids.program, name: 'Joint Care 2027', version: 2, effectiveFrom: '2027-01-01', effectiveTo: null, outsideRule: 'plan_terms' },
  procedures: [
    { id: ids.tka, code: 'TKA', name: 'Total knee replacement', drgCodes: ['469', '470'] },
    { id: ids.tha, code: 'THA', name: 'Total hip replacement', drgCodes: ['469', '470'] },
  ],
  network: [
    row({ offerId: uuid(101), procedureId: ids.tka, facilityId: ids.f1 }),
    row({ offerId: uuid(102), procedureId: ids.tha, facilityId: ids.f1 }),
    row({ offerId: uuid(103), procedureId: ids.tka, facilityId: ids.f2, facilityName: 'Grant Medical Center', ccn: '360017', address: '111 S Grant Ave', zip: '43215', latitude: 39.96, longitude: -82.99 }),
    row({
      offerId: uuid(104), procedureId: ids.tka, facilityId: ids.f3, facilityName: 'Lakeside Surgery Center', ccn: null, address: '9 Lake St', city: 'Toledo', zip: '43604', phone: null,
      latitude: null, longitude: null, facilityType: 'Ambulatory Surgical Center', healthSystemId: null, healthSystemName: null, offerStatus: 'withdrawn',
    }),
  ],
  ...over,
})

const resourcesOf = <T extends Resource>(bundle: Bundle, profile: keyof typeof PROFILE) => (bundle.entry ?? []).map((e) => e.resource!).filter((r) => profileOf(r) === profile) as T[]
const byId = <T extends Resource>(bundle: Bundle, type: string, id: string) => bundle.entry!.find((e) => e.resource!.resourceType === type && e.resource!.id === id)!.resource as T

describe('the bundle conforms to the Plan-Net profiles', () => {
  it('meets every written-down cardinality, fixed value and binding, and every reference resolves inside the bundle', () => {
    const bundle = buildPlanNetBundle(input())
    expect(planNetProblems(bundle)).toEqual([])
    expect(bundle.resourceType).toBe('Bundle')
    expect(bundle.type).toBe('collection')
    expect(bundle.timestamp).toBe('2026-12-06T12:00:00.000Z')
  })

  it('holds one InsurancePlan, the payer, one Network, one Organization per provider, one Location per facility, one HealthcareService per procedure per facility and one affiliation per provider', () => {
    const bundle = buildPlanNetBundle(input())
    const count = (profile: keyof typeof PROFILE) => resourcesOf(bundle, profile).length
    expect({
      InsurancePlan: count('InsurancePlan'), Network: count('Network'), Organization: count('Organization'), Location: count('Location'),
      HealthcareService: count('HealthcareService'), OrganizationAffiliation: count('OrganizationAffiliation'),
    }).toEqual({ InsurancePlan: 1, Network: 1, Organization: 3, Location: 3, HealthcareService: 4, OrganizationAffiliation: 2 })
    const pairs = resourcesOf<HealthcareService>(bundle, 'HealthcareService').map((s) => `${s.location![0]!.reference}|${s.type![0]!.coding![0]!.code}`)
    expect(new Set(pairs).size).toBe(pairs.length)
    expect(pairs.sort()).toEqual([`Location/facility-${ids.f1}|THA`, `Location/facility-${ids.f1}|TKA`, `Location/facility-${ids.f2}|TKA`, `Location/facility-${ids.f3}|TKA`])
  })

  it('makes one HealthcareService of two offers of the same procedure at the same facility', () => {
    const base = input()
    const bundle = buildPlanNetBundle({ ...base, network: [...base.network, row({ offerId: uuid(199), procedureId: ids.tka, facilityId: ids.f1 })] })
    expect(resourcesOf(bundle, 'HealthcareService')).toHaveLength(4)
    expect(planNetProblems(bundle)).toEqual([])
  })

  it('uses deterministic ids and fullUrls: the same input gives the same bundle', () => {
    const first = buildPlanNetBundle(input())
    expect(buildPlanNetBundle(input())).toEqual(first)
    expect(first.entry!.map((e) => e.fullUrl)).toEqual([
      `${BASE}/InsurancePlan/program-${ids.program}`,
      `${BASE}/Organization/employer-${ids.employer}`,
      `${BASE}/Organization/network-${ids.program}`,
      `${BASE}/Organization/facility-org-${ids.f3}`, // "Lakeside Surgery Center" sorts before "OhioHealth (demo)"
      `${BASE}/Organization/health-system-${ids.systemA}`,
      `${BASE}/Location/facility-${ids.f2}`,
      `${BASE}/Location/facility-${ids.f3}`,
      `${BASE}/Location/facility-${ids.f1}`,
      `${BASE}/HealthcareService/service-${uuid(103)}`,
      `${BASE}/HealthcareService/service-${uuid(104)}`,
      `${BASE}/HealthcareService/service-${uuid(102)}`,
      `${BASE}/HealthcareService/service-${uuid(101)}`,
      `${BASE}/OrganizationAffiliation/affiliation-facility-org-${ids.f3}`,
      `${BASE}/OrganizationAffiliation/affiliation-health-system-${ids.systemA}`,
    ])
  })

  it('an empty network still gives a conforming plan, payer and network', () => {
    const bundle = buildPlanNetBundle(input({ network: [] }))
    expect(planNetProblems(bundle)).toEqual([])
    expect(bundle.entry!.map((e) => e.resource!.resourceType)).toEqual(['InsurancePlan', 'Organization', 'Organization'])
  })
})

describe('what each resource says', () => {
  const bundle = buildPlanNetBundle(input())

  it('InsurancePlan: the program, owned and administered by the employer, its period, its network and the covered procedures with their MS-DRG codes', () => {
    const plan = byId<InsurancePlan>(bundle, 'InsurancePlan', `program-${ids.program}`)
    expect(plan.name).toBe('Joint Care 2027')
    expect(plan.period).toEqual({ start: '2027-01-01' })
    expect(plan.ownedBy?.reference).toBe(`Organization/employer-${ids.employer}`)
    expect(plan.administeredBy?.reference).toBe(`Organization/employer-${ids.employer}`)
    expect(plan.identifier).toEqual([{ system: `${BASE}/sid/program-version`, value: `${ids.program}:2` }])
    expect(plan.coverage).toHaveLength(1)
    expect(plan.coverage![0]!.type).toBeDefined() // R4: coverage.type 1..1
    expect(plan.coverage![0]!.benefit!.map((b) => b.type.coding!.map((c) => c.code))).toEqual([['THA', '469', '470'], ['TKA', '469', '470']])
  })

  it.each([
    ['plan_terms', 'commppo'],
    ['higher_coinsurance', 'commppo'],
    ['not_covered', 'commepo'],
  ] as const)('InsurancePlan.type: outside the network %s → %s', (outsideRule, code) => {
    expect(insuranceProductType(outsideRule).coding![0]!.code).toBe(code)
    const plan = resourcesOf<InsurancePlan>(buildPlanNetBundle(input({ program: { ...input().program, outsideRule } })), 'InsurancePlan')[0]!
    expect(plan.type![0]!.coding![0]!.code).toBe(code)
  })

  it.each([
    ['Acute Care Hospitals', 'hosp'],
    ['Critical Access Hospitals', 'hosp'],
    ['Ambulatory Surgical Center', 'outpat'],
  ])('HealthcareService.category of a %s → %s', (facilityType, code) => {
    expect(serviceCategory(facilityType).coding![0]!.code).toBe(code)
  })

  it('Organization.type: the employer is the payer, a health system a provider group, a facility of no health system a facility; the network is ntwk, part of the payer', () => {
    const type = (id: string) => byId<Organization>(bundle, 'Organization', id).type![0]!.coding![0]!.code
    expect(type(`employer-${ids.employer}`)).toBe('payer')
    expect(type(`health-system-${ids.systemA}`)).toBe('prvgrp')
    expect(type(`facility-org-${ids.f3}`)).toBe('fac')
    const network = byId<Organization>(bundle, 'Organization', `network-${ids.program}`)
    expect(network.type![0]!.coding![0]!.code).toBe('ntwk')
    expect(network.partOf?.reference).toBe(`Organization/employer-${ids.employer}`)
    expect(network.telecom).toBeUndefined()
  })

  it('a health system has the addresses of its network facilities (Plan-Net needs at least one)', () => {
    const system = byId<Organization>(bundle, 'Organization', `health-system-${ids.systemA}`)
    expect(system.name).toBe('OhioHealth (demo)')
    expect(system.address!.map((a) => a.line![0])).toEqual(['111 S Grant Ave', '3535 Olentangy River Rd'])
  })

  it('Location: name, CCN, phone, address and position of the facility, managed by its provider organization', () => {
    const location = byId<Location>(bundle, 'Location', `facility-${ids.f1}`)
    expect(location).toMatchObject({
      name: 'Riverside Methodist Hospital',
      status: 'active',
      identifier: [{ value: '360006' }],
      telecom: [{ system: 'phone', value: '(614) 566-5000' }],
      address: { line: ['3535 Olentangy River Rd'], city: 'Columbus', state: 'OH', postalCode: '43214', country: 'US' },
      position: { latitude: 40.03, longitude: -83.03 },
      managingOrganization: { reference: `Organization/health-system-${ids.systemA}` },
    })
    expect(location.mode).toBeUndefined()
  })

  it('a facility without coordinates has no position (not a made-up one), and keeps its address', () => {
    const location = byId<Location>(bundle, 'Location', `facility-${ids.f3}`)
    expect(location.position).toBeUndefined()
    expect(location.address?.city).toBe('Toledo')
    expect(location.identifier).toBeUndefined() // no CCN
    expect(location.telecom).toBeUndefined() // no phone
  })

  it('HealthcareService: the procedure at the facility, provided by its organization; accepting new patients from the network unless the offer was withdrawn', () => {
    const service = byId<HealthcareService>(bundle, 'HealthcareService', `service-${uuid(101)}`)
    expect(service.name).toBe('Total knee replacement at Riverside Methodist Hospital')
    expect(service.providedBy?.reference).toBe(`Organization/health-system-${ids.systemA}`)
    expect(service.category![0]!.coding![0]!.code).toBe('hosp')
    const accepting = (s: HealthcareService) => s.extension!.find((e) => e.url.endsWith('/newpatients'))!.extension!
    expect(accepting(service)).toEqual([
      expect.objectContaining({ url: 'acceptingPatients', valueCodeableConcept: expect.objectContaining({ coding: [expect.objectContaining({ code: 'newpt' })] }) }),
      { url: 'fromNetwork', valueReference: { reference: `Organization/network-${ids.program}`, display: 'Joint Care 2027 network' } },
    ])
    const withdrawn = byId<HealthcareService>(bundle, 'HealthcareService', `service-${uuid(104)}`)
    expect(accepting(withdrawn)[0]!.valueCodeableConcept!.coding![0]!.code).toBe('nopt')
    expect(withdrawn.category![0]!.coding![0]!.code).toBe('outpat')
    expect(service.comment).toBeUndefined()
  })

  it('a demo offer says so in HealthcareService.comment (DESIGN §7: labelled wherever shown)', () => {
    const base = input()
    const demo = buildPlanNetBundle({ ...base, network: base.network.map((r) => ({ ...r, isDemo: 1 as const })) })
    const services = resourcesOf<HealthcareService>(demo, 'HealthcareService')
    expect(services.map((s) => s.comment)).toEqual(services.map(() => DEMO_OFFER_COMMENT))
  })

  it('OrganizationAffiliation: the payer and each provider organization in the network, with that provider\'s locations and services only', () => {
    const affiliation = byId<OrganizationAffiliation>(bundle, 'OrganizationAffiliation', `affiliation-health-system-${ids.systemA}`)
    expect(affiliation.organization?.reference).toBe(`Organization/employer-${ids.employer}`)
    expect(affiliation.participatingOrganization?.reference).toBe(`Organization/health-system-${ids.systemA}`)
    expect(affiliation.network?.map((n) => n.reference)).toEqual([`Organization/network-${ids.program}`])
    expect(affiliation.location?.map((l) => l.reference)).toEqual([`Location/facility-${ids.f2}`, `Location/facility-${ids.f1}`])
    expect(affiliation.healthcareService?.map((s) => s.reference).sort()).toEqual([`HealthcareService/service-${uuid(101)}`, `HealthcareService/service-${uuid(102)}`, `HealthcareService/service-${uuid(103)}`])
    expect(affiliation.period).toEqual({ start: '2027-01-01' })
  })

  it('every reference is relative and names a resource of the bundle', () => {
    const names = new Set(bundle.entry!.map((e) => `${e.resource!.resourceType}/${e.resource!.id}`))
    const references = bundle.entry!.flatMap((e) => referencesIn(e.resource))
    expect(references.length).toBeGreaterThan(20)
    for (const reference of references) expect(names.has(reference), reference).toBe(true)
  })

  it('refuses an id that cannot be a FHIR id (more than 64 characters)', () => {
    expect(() => buildPlanNetBundle(input({ employer: { id: 'x'.repeat(60), name: 'Too long' } }))).toThrow(/not a FHIR id/)
  })
})

/** The checker must catch what it claims to check, or the conformance test above proves nothing. */
describe('the profile checker catches each kind of violation', () => {
  const mutate = (change: (resources: Record<string, Record<string, unknown>>) => void): Bundle => {
    const bundle = structuredClone(buildPlanNetBundle(input()))
    const resources = Object.fromEntries(bundle.entry!.map((e) => [`${e.resource!.resourceType}/${e.resource!.id}`, e.resource as unknown as Record<string, unknown>]))
    change(resources)
    return bundle
  }
  const plan = `InsurancePlan/program-${ids.program}`
  const payer = `Organization/employer-${ids.employer}`
  const network = `Organization/network-${ids.program}`
  const location = `Location/facility-${ids.f1}`
  const service = `HealthcareService/service-${uuid(101)}`
  const affiliation = `OrganizationAffiliation/affiliation-health-system-${ids.systemA}`

  it.each<[string, (r: Record<string, Record<string, unknown>>) => void, RegExp]>([
    ['InsurancePlan without status', (r) => delete r[plan]!.status, /status has 0, needs at least 1/],
    ['InsurancePlan in draft', (r) => (r[plan]!.status = 'draft'), /status is "draft", must be "active"/],
    ['InsurancePlan.type outside InsuranceProductTypeVS', (r) => (r[plan]!.type = [{ coding: [{ system: 'http://example.org', code: 'coe' }] }]), /type.coding .* not in the bound value set/],
    ['InsurancePlan without ownedBy', (r) => delete r[plan]!.ownedBy, /ownedBy has 0/],
    ['InsurancePlan without network', (r) => delete r[plan]!.network, /network has 0/],
    ['InsurancePlan owned by the network', (r) => (r[plan]!.ownedBy = { reference: network }), /ownedBy .* is not a Organization/],
    ['Network with a telecom', (r) => (r[network]!.telecom = [{ system: 'phone', value: '1' }]), /telecom has 1, at most 0/],
    ['Network of another type', (r) => (r[network]!.type = [{ coding: [{ system: 'http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/OrgTypeCS', code: 'payer' }] }]), /type.coding.code is "payer", must be "ntwk"/],
    ['Network without partOf', (r) => delete r[network]!.partOf, /partOf has 0/],
    ['Organization without address', (r) => (r[payer]!.address = []), /address has 0, needs at least 1/],
    ['Organization inactive', (r) => (r[payer]!.active = false), /active is false, must be true/],
    ['Organization without name', (r) => delete r[payer]!.name, /name has 0/],
    ['Location with a mode', (r) => (r[location]!.mode = 'instance'), /mode has 1, at most 0/],
    ['Location without name', (r) => delete r[location]!.name, /name has 0/],
    ['Location with half a position', (r) => (r[location]!.position = { latitude: 40 }), /position needs latitude and longitude/],
    ['HealthcareService without category', (r) => delete r[service]!.category, /category has 0/],
    ['HealthcareService category outside its value set', (r) => (r[service]!.category = [{ coding: [{ system: 'http://example.org', code: 'surgery' }] }]), /category.coding .* not in the bound value set/],
    ['HealthcareService inactive', (r) => (r[service]!.active = false), /active is false/],
    ['newpatients without acceptingPatients', (r) => ((r[service]!.extension as Array<{ extension: unknown[] }>)[0]!.extension.shift()), /has 0 acceptingPatients/],
    ['OrganizationAffiliation without participatingOrganization', (r) => delete r[affiliation]!.participatingOrganization, /participatingOrganization has 0/],
    ['OrganizationAffiliation role outside its value set', (r) => (r[affiliation]!.code = [{ coding: [{ system: 'http://hl7.org/fhir/organization-role', code: 'member' }] }]), /code.coding .* not in the bound value set/],
    ['a reference to a resource not in the bundle', (r) => (r[service]!.location = [{ reference: 'Location/facility-elsewhere' }]), /does not resolve inside the bundle/],
    ['a resource without meta.profile', (r) => delete r[location]!.meta, /claims no single Plan-Net profile/],
  ])('%s', (_name, change, problem) => {
    const problems = planNetProblems(mutate(change))
    expect(problems.some((p) => problem.test(p)), problems.join('\n')).toBe(true)
  })
})
