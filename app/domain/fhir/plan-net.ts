import type {
  Address,
  Bundle,
  BundleEntry,
  CodeableConcept,
  Coding,
  Extension,
  HealthcareService,
  InsurancePlan,
  Location,
  Organization,
  OrganizationAffiliation,
  Reference,
  Resource,
} from '@medplum/fhirtypes'

/*
 * A program's network as a FHIR R4 Da Vinci PDEX Plan-Net bundle (issue 23, DESIGN §6, ADR 0017).
 * Pure: the service loads the published program version and its network, this module maps them.
 * Profiles and code systems are those of hl7.fhir.us.davinci-pdex-plan-net 1.1.0 (STU 1.1); the
 * cardinalities relied on are written down, with their profile pages, in
 * tests/unit/domain/fhir/plan-net.test.ts.
 */

export const PLAN_NET_IG_VERSION = '1.1.0'
const IG = 'http://hl7.org/fhir/us/davinci-pdex-plan-net'

export const PLAN_NET_PROFILE = {
  insurancePlan: `${IG}/StructureDefinition/plannet-InsurancePlan`,
  network: `${IG}/StructureDefinition/plannet-Network`,
  organization: `${IG}/StructureDefinition/plannet-Organization`,
  location: `${IG}/StructureDefinition/plannet-Location`,
  healthcareService: `${IG}/StructureDefinition/plannet-HealthcareService`,
  organizationAffiliation: `${IG}/StructureDefinition/plannet-OrganizationAffiliation`,
} as const

export const PLAN_NET_SYSTEM = {
  orgType: `${IG}/CodeSystem/OrgTypeCS`,
  insuranceProductType: `${IG}/CodeSystem/InsuranceProductTypeCS`,
  healthcareServiceCategory: `${IG}/CodeSystem/HealthcareServiceCategoryCS`,
  acceptingPatients: `${IG}/CodeSystem/AcceptingPatientsCS`,
  deliveryMethod: `${IG}/CodeSystem/DeliveryMethodCS`,
  /** FHIR's own organization-role code system, part of Plan-Net's OrganizationAffiliationRoleVS. */
  organizationRole: 'http://hl7.org/fhir/organization-role',
  /** The MS-DRG code system URI as CARIN Blue Button and other US IGs write it. */
  msDrg: 'https://www.cms.gov/Medicare/Medicare-Fee-for-Service-Payment/AcuteInpatientPPS/MS-DRG-Classifications-and-Software',
  /** CMS Certification Number (CCN) of a hospital. */
  ccn: 'urn:oid:2.16.840.1.113883.4.336',
} as const

export const PLAN_NET_EXTENSION = {
  newPatients: `${IG}/StructureDefinition/newpatients`,
  deliveryMethod: `${IG}/StructureDefinition/delivery-method`,
} as const

/** HealthcareService.comment of a demo offer: the hospital is real, the bundled offer is made up by the demo seed. */
export const DEMO_OFFER_COMMENT = 'Demo offer: the hospital is real, this bundled offer was generated for the demonstration.'

export type OutsideRule = 'plan_terms' | 'higher_coinsurance' | 'not_covered'

export interface PlanNetProgram {
  id: string
  name: string
  version: number
  effectiveFrom: string
  effectiveTo: string | null
  /** What the plan pays outside the network: decides the product type (EPO when it pays nothing). */
  outsideRule: OutsideRule
}

export interface PlanNetProcedure {
  id: string
  code: string
  name: string
  /** MS-DRG codes of the bundle, e.g. ["469","470"]. */
  drgCodes: readonly string[]
}

/** One offer of the program's network with its facility and the facility's health system (if any). */
export interface PlanNetNetworkRow {
  offerId: string
  offerStatus: 'active' | 'withdrawn'
  /** 1 for an offer the demo seed made (DESIGN §7: labelled as a demo offer wherever it is shown). */
  isDemo: boolean | 0 | 1
  procedureId: string
  facilityId: string
  facilityName: string
  ccn: string | null
  address: string
  city: string
  state: string
  zip: string
  phone: string | null
  latitude: number | null
  longitude: number | null
  facilityType: string
  healthSystemId: string | null
  healthSystemName: string | null
}

export interface PlanNetInput {
  /** Base of every fullUrl (resources are `${baseUrl}/Type/id`) and of the portal's own code systems. */
  baseUrl: string
  /** When the bundle was made (Bundle.timestamp), ISO-8601. */
  generatedAt: string
  employer: { id: string; name: string }
  program: PlanNetProgram
  procedures: readonly PlanNetProcedure[]
  network: readonly PlanNetNetworkRow[]
}

/** FHIR R4 id: [A-Za-z0-9\-\.]{1,64}. Ours are UUIDs behind a short prefix; anything else is a programming error. */
const FHIR_ID = /^[A-Za-z0-9\-.]{1,64}$/
function fhirId(prefix: string, id: string): string {
  const value = `${prefix}-${id}`
  if (!FHIR_ID.test(value)) throw new Error(`not a FHIR id: ${value}`)
  return value
}

/** Deterministic resource ids (the same program version gives the same bundle, apart from its timestamp). */
export const planNetIds = {
  insurancePlan: (programId: string) => fhirId('program', programId),
  payer: (employerId: string) => fhirId('employer', employerId),
  network: (programId: string) => fhirId('network', programId),
  healthSystem: (healthSystemId: string) => fhirId('health-system', healthSystemId),
  /** A facility that belongs to no health system is its own provider organization. */
  facilityOrganization: (facilityId: string) => fhirId('facility-org', facilityId),
  location: (facilityId: string) => fhirId('facility', facilityId),
  service: (offerId: string) => fhirId('service', offerId),
  affiliation: (providerOrganizationId: string) => fhirId('affiliation', providerOrganizationId),
}

const ref = <T extends Resource>(resource: T, display?: string): Reference<T> => ({
  reference: `${resource.resourceType}/${resource.id!}`,
  ...(display ? { display } : {}),
})

const concept = (system: string, code: string, display: string): CodeableConcept => ({ coding: [{ system, code, display }], text: display })

const ORG_TYPE = {
  payer: concept(PLAN_NET_SYSTEM.orgType, 'payer', 'Payer'),
  prvgrp: concept(PLAN_NET_SYSTEM.orgType, 'prvgrp', 'Provider Group'),
  fac: concept(PLAN_NET_SYSTEM.orgType, 'fac', 'Facility'),
  ntwk: concept(PLAN_NET_SYSTEM.orgType, 'ntwk', 'Network'),
}

/**
 * The Plan-Net insurance product type of a COE program (InsuranceProductTypeCS): a program whose
 * plan pays nothing outside the network is an exclusive provider product (commepo); one that still
 * pays outside it, at plan terms or a higher coinsurance, a preferred provider product (commppo).
 */
export function insuranceProductType(outsideRule: OutsideRule): CodeableConcept {
  return outsideRule === 'not_covered'
    ? concept(PLAN_NET_SYSTEM.insuranceProductType, 'commepo', 'Commercial EPO')
    : concept(PLAN_NET_SYSTEM.insuranceProductType, 'commppo', 'Commercial PPO')
}

/** HealthcareServiceCategoryCS: surgical and ambulatory centers are outpatient facilities, every other facility type (CMS hospital types) a hospital. */
export function serviceCategory(facilityType: string): CodeableConcept {
  return /surg|ambulatory/i.test(facilityType)
    ? concept(PLAN_NET_SYSTEM.healthcareServiceCategory, 'outpat', 'Clinic or Outpatient Facility')
    : concept(PLAN_NET_SYSTEM.healthcareServiceCategory, 'hosp', 'Hospital')
}

function facilityAddress(row: PlanNetNetworkRow): Address {
  return { use: 'work', type: 'physical', line: [row.address], city: row.city, state: row.state, postalCode: row.zip, country: 'US' }
}

function procedureConcept(baseUrl: string, procedure: PlanNetProcedure): CodeableConcept {
  const codings: Coding[] = [
    { system: `${baseUrl}/CodeSystem/procedure`, code: procedure.code, display: procedure.name },
    ...procedure.drgCodes.map((code) => ({ system: PLAN_NET_SYSTEM.msDrg, code })),
  ]
  return { coding: codings, text: procedure.name }
}

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * The Plan-Net bundle (type collection) of one program version: its InsurancePlan, the employer as
 * payer Organization (owner and administrator), the program's Network, one Organization per health
 * system (or per facility of no health system), one Location per facility, one HealthcareService per
 * procedure per facility, and one OrganizationAffiliation per provider organization linking it to
 * the network with its locations and services. A facility without coordinates has no `position`.
 * Entries are in a fixed order; references are relative (`Type/id`) and resolve against the fullUrls.
 */
export function buildPlanNetBundle(input: PlanNetInput): Bundle {
  const { baseUrl, employer, program } = input
  const procedureById = new Map(input.procedures.map((p) => [p.id, p]))

  const payer: Organization = {
    resourceType: 'Organization',
    id: planNetIds.payer(employer.id),
    meta: { profile: [PLAN_NET_PROFILE.organization] },
    active: true,
    type: [ORG_TYPE.payer],
    name: employer.name,
    // The portal keeps no employer address; Plan-Net asks for one (address 1..*), so it says the country only.
    address: [{ country: 'US' }],
  }

  const network: Organization = {
    resourceType: 'Organization',
    id: planNetIds.network(program.id),
    meta: { profile: [PLAN_NET_PROFILE.network] },
    active: true,
    type: [ORG_TYPE.ntwk],
    name: `${program.name} network`,
    partOf: ref(payer, employer.name),
  }
  const networkRef = ref(network, network.name)

  // One row per facility and procedure: a second offer of the same procedure at the same facility adds nothing.
  const seen = new Set<string>()
  const rows = [...input.network]
    .filter((row) => procedureById.has(row.procedureId))
    .sort((a, b) => byText(a.facilityName, b.facilityName) || byText(a.facilityId, b.facilityId) || byText(procedureById.get(a.procedureId)!.code, procedureById.get(b.procedureId)!.code) || byText(a.offerId, b.offerId))
    .filter((row) => {
      const key = `${row.facilityId}|${row.procedureId}`
      if (seen.has(key)) return false
      seen.add(key)
      return true
    })

  // Provider organizations: a health system, or a facility that has none.
  interface Provider { organization: Organization; locations: Location[]; services: HealthcareService[] }
  const providers = new Map<string, Provider>()
  const providerOf = (row: PlanNetNetworkRow): Provider => {
    const id = row.healthSystemId !== null ? planNetIds.healthSystem(row.healthSystemId) : planNetIds.facilityOrganization(row.facilityId)
    let provider = providers.get(id)
    if (!provider) {
      provider = {
        organization: {
          resourceType: 'Organization',
          id,
          meta: { profile: [PLAN_NET_PROFILE.organization] },
          active: true,
          type: [row.healthSystemId !== null ? ORG_TYPE.prvgrp : ORG_TYPE.fac],
          name: row.healthSystemId !== null ? (row.healthSystemName ?? row.facilityName) : row.facilityName,
          address: [],
        },
        locations: [],
        services: [],
      }
      providers.set(id, provider)
    }
    return provider
  }

  const locations = new Map<string, Location>()
  const services: HealthcareService[] = []
  for (const row of rows) {
    const provider = providerOf(row)
    const procedure = procedureById.get(row.procedureId)!
    const existing = locations.get(row.facilityId)
    const location: Location = existing ?? {
      resourceType: 'Location',
      id: planNetIds.location(row.facilityId),
      meta: { profile: [PLAN_NET_PROFILE.location] },
      ...(row.ccn ? { identifier: [{ system: PLAN_NET_SYSTEM.ccn, value: row.ccn, type: { text: 'CMS Certification Number' } }] } : {}),
      status: 'active',
      name: row.facilityName,
      type: [{ text: row.facilityType }],
      ...(row.phone ? { telecom: [{ system: 'phone' as const, value: row.phone, use: 'work' as const }] } : {}),
      address: facilityAddress(row),
      ...(row.latitude !== null && row.longitude !== null ? { position: { latitude: row.latitude, longitude: row.longitude } } : {}),
      managingOrganization: ref(provider.organization, provider.organization.name),
    }
    if (!existing) {
      locations.set(row.facilityId, location)
      provider.locations.push(location)
      provider.organization.address!.push(facilityAddress(row))
      if (row.healthSystemId === null && row.phone) provider.organization.telecom = [{ system: 'phone', value: row.phone, use: 'work' }]
    }
    const newPatients: Extension = {
      url: PLAN_NET_EXTENSION.newPatients,
      extension: [
        { url: 'acceptingPatients', valueCodeableConcept: row.offerStatus === 'active' ? concept(PLAN_NET_SYSTEM.acceptingPatients, 'newpt', 'Accepting') : concept(PLAN_NET_SYSTEM.acceptingPatients, 'nopt', 'Not Accepting') },
        { url: 'fromNetwork', valueReference: networkRef },
      ],
    }
    const deliveryMethod: Extension = {
      url: PLAN_NET_EXTENSION.deliveryMethod,
      extension: [{ url: 'type', valueCodeableConcept: concept(PLAN_NET_SYSTEM.deliveryMethod, 'physical', 'Physical') }],
    }
    const service: HealthcareService = {
      resourceType: 'HealthcareService',
      id: planNetIds.service(row.offerId),
      meta: { profile: [PLAN_NET_PROFILE.healthcareService] },
      extension: [newPatients, deliveryMethod],
      active: true,
      providedBy: ref(provider.organization, provider.organization.name),
      category: [serviceCategory(row.facilityType)],
      type: [procedureConcept(baseUrl, procedure)],
      location: [ref(location, location.name)],
      name: `${procedure.name} at ${row.facilityName}`,
      ...(row.isDemo ? { comment: DEMO_OFFER_COMMENT } : {}),
    }
    services.push(service)
    provider.services.push(service)
  }

  const providerList = [...providers.values()].sort((a, b) => byText(a.organization.name!, b.organization.name!) || byText(a.organization.id!, b.organization.id!))
  const period = { start: program.effectiveFrom, ...(program.effectiveTo ? { end: program.effectiveTo } : {}) }
  const affiliations: OrganizationAffiliation[] = providerList.map((provider) => ({
    resourceType: 'OrganizationAffiliation',
    id: planNetIds.affiliation(provider.organization.id!),
    meta: { profile: [PLAN_NET_PROFILE.organizationAffiliation] },
    active: true,
    period,
    organization: ref(payer, employer.name),
    participatingOrganization: ref(provider.organization, provider.organization.name),
    network: [networkRef],
    code: [concept(PLAN_NET_SYSTEM.organizationRole, 'provider', 'Provider')],
    location: provider.locations.map((location) => ref(location, location.name)),
    healthcareService: provider.services.map((service) => ref(service)),
  }))

  const procedures = [...input.procedures].sort((a, b) => byText(a.code, b.code))
  const insurancePlan: InsurancePlan = {
    resourceType: 'InsurancePlan',
    id: planNetIds.insurancePlan(program.id),
    meta: { profile: [PLAN_NET_PROFILE.insurancePlan] },
    identifier: [{ system: `${baseUrl}/sid/program-version`, value: `${program.id}:${program.version}` }],
    status: 'active',
    type: [insuranceProductType(program.outsideRule)],
    name: program.name,
    period,
    ownedBy: ref(payer, employer.name),
    administeredBy: ref(payer, employer.name),
    network: [networkRef],
    ...(procedures.length > 0
      ? { coverage: [{ type: { text: 'Centers of excellence bundled episodes' }, network: [networkRef], benefit: procedures.map((p) => ({ type: procedureConcept(baseUrl, p) })) }] }
      : {}),
  }

  const resources: Resource[] = [
    insurancePlan,
    payer,
    network,
    ...providerList.map((p) => p.organization),
    ...[...locations.values()],
    ...services,
    ...affiliations,
  ]
  const entry: BundleEntry[] = resources.map((resource) => ({ fullUrl: `${baseUrl}/${resource.resourceType}/${resource.id!}`, resource }))
  return {
    resourceType: 'Bundle',
    id: fhirId('plan-net', `${program.id}-v${program.version}`),
    meta: { lastUpdated: input.generatedAt },
    identifier: { system: `${baseUrl}/sid/plan-net-export`, value: `${program.id}:${program.version}` },
    type: 'collection',
    timestamp: input.generatedAt,
    entry,
  }
}
