import type { Bundle, Resource } from '@medplum/fhirtypes'

/*
 * What the Da Vinci PDEX Plan-Net profiles (hl7.fhir.us.davinci-pdex-plan-net 1.1.0, STU 1.1; the
 * guide's package is not on npm) require of the elements our bundle carries, written down from the
 * profile pages, and a checker that applies them to a bundle. Used by the unit tests of the
 * builder and by the integration test of the route.
 *
 * Profile pages (the "Differential" and "Snapshot" tables; parents US Core 3.1.1 Organization and Location):
 *   IP  https://hl7.org/fhir/us/davinci-pdex-plan-net/STU1.1/StructureDefinition-plannet-InsurancePlan.html
 *   NW  https://hl7.org/fhir/us/davinci-pdex-plan-net/STU1.1/StructureDefinition-plannet-Network.html
 *   ORG https://hl7.org/fhir/us/davinci-pdex-plan-net/STU1.1/StructureDefinition-plannet-Organization.html
 *   LOC https://hl7.org/fhir/us/davinci-pdex-plan-net/STU1.1/StructureDefinition-plannet-Location.html
 *   HCS https://hl7.org/fhir/us/davinci-pdex-plan-net/STU1.1/StructureDefinition-plannet-HealthcareService.html
 *   OA  https://hl7.org/fhir/us/davinci-pdex-plan-net/STU1.1/StructureDefinition-plannet-OrganizationAffiliation.html
 *   NP  https://hl7.org/fhir/us/davinci-pdex-plan-net/STU1.1/StructureDefinition-newpatients.html
 *   DM  https://hl7.org/fhir/us/davinci-pdex-plan-net/STU1.1/StructureDefinition-delivery-method.html
 *   Code systems: .../STU1.1/CodeSystem-OrgTypeCS.html, -InsuranceProductTypeCS, -HealthcareServiceCategoryCS,
 *   -AcceptingPatientsCS, -DeliveryMethodCS, -OrganizationAffiliationRoleCS; FHIR R4 organization-role.
 */

const IG = 'http://hl7.org/fhir/us/davinci-pdex-plan-net'
export const PROFILE = {
  InsurancePlan: `${IG}/StructureDefinition/plannet-InsurancePlan`,
  Network: `${IG}/StructureDefinition/plannet-Network`,
  Organization: `${IG}/StructureDefinition/plannet-Organization`,
  Location: `${IG}/StructureDefinition/plannet-Location`,
  HealthcareService: `${IG}/StructureDefinition/plannet-HealthcareService`,
  OrganizationAffiliation: `${IG}/StructureDefinition/plannet-OrganizationAffiliation`,
} as const
type ProfileName = keyof typeof PROFILE

/** Code systems with every code they define (the value sets bound below draw on them). */
const CS = {
  OrgType: { system: `${IG}/CodeSystem/OrgTypeCS`, codes: ['fac', 'prvgrp', 'payer', 'atyprv', 'bus', 'ntwk'] },
  InsuranceProductType: {
    system: `${IG}/CodeSystem/InsuranceProductTypeCS`,
    codes: ['commppo', 'commhdhp', 'commpos', 'commhmo', 'commepo', 'medi', 'medihmo', 'mediadv', 'mediadvhmo', 'media', 'medib', 'medid', 'mediab', 'qhp', 'ihs', 'fep', 'tri', 'va', 'dent', 'denthmo', 'vis', 'vishmo'],
  },
  HealthcareServiceCategory: {
    system: `${IG}/CodeSystem/HealthcareServiceCategoryCS`,
    codes: ['behav', 'dent', 'dme', 'emerg', 'group', 'home', 'hosp', 'lab', 'other', 'outpat', 'prov', 'pharm', 'trans', 'urg', 'vis'],
  },
  AcceptingPatients: { system: `${IG}/CodeSystem/AcceptingPatientsCS`, codes: ['nopt', 'newpt', 'existptonly', 'existptfam'] },
  DeliveryMethod: { system: `${IG}/CodeSystem/DeliveryMethodCS`, codes: ['virtual', 'physical'] },
  /** OrganizationAffiliationRoleVS = FHIR organization-role minus `member`, plus OrganizationAffiliationRoleCS. */
  OrganizationRole: { system: 'http://hl7.org/fhir/organization-role', codes: ['provider', 'agency', 'research', 'payer', 'diagnostics', 'supplier', 'HIE/HIO'] },
  OrganizationAffiliationRole: {
    system: `${IG}/CodeSystem/OrganizationAffiliationRoleCS`,
    codes: ['behavioral', 'bt', 'dme', 'group', 'home', 'hospital', 'laboratory', 'other', 'outpatient', 'pharmacy', 'transport', 'urgent', 'hospice', 'nurseCustodial', 'residential', 'respite', 'retail'],
  },
}
type CodeSystemRef = (typeof CS)[keyof typeof CS]

export interface ElementRule {
  /** A dotted path from the resource ("address.line"); arrays are flattened on the way. */
  path: string
  min: number
  max: number | '*'
  /** Every value must equal this (a fixed or pattern value of the profile). */
  fixed?: unknown
  /** Codings at this path (path ends in "coding") must come from these code systems. */
  from?: readonly CodeSystemRef[]
  /** References at this path must resolve in the bundle to resources claiming one of these profiles. */
  targets?: readonly ProfileName[]
  /** Where the rule is written (page key above). */
  source: string
}

/** Cardinalities and bindings relied on, per profile. "max" of a repeating element is '*'. */
export const RULES: Record<ProfileName, readonly ElementRule[]> = {
  InsurancePlan: [
    { path: 'meta.profile', min: 1, max: '*', source: 'every profile: meta.profile names it' },
    { path: 'status', min: 1, max: 1, fixed: 'active', source: 'IP: status 1..1, = active (exactly)' },
    { path: 'type', min: 1, max: 1, source: 'IP: type 1..1 MS' },
    { path: 'type.coding', min: 1, max: '*', from: [CS.InsuranceProductType], source: 'IP: type from InsuranceProductTypeVS (extensible)' },
    { path: 'ownedBy', min: 1, max: 1, targets: ['Organization'], source: 'IP: ownedBy 1..1 Reference(PlannetOrganization)' },
    { path: 'administeredBy', min: 1, max: 1, targets: ['Organization'], source: 'IP: administeredBy 1..1 Reference(PlannetOrganization)' },
    // Invariant network-or-plan-Network: network.exists() or plan.network.exists(); we give the plan-level network.
    { path: 'network', min: 1, max: '*', targets: ['Network'], source: 'IP: network 0..* Reference(PlannetNetwork) + invariant network-or-plan-Network' },
    { path: 'coverage.type', min: 0, max: '*', source: 'FHIR R4 InsurancePlan.coverage.type 1..1 within each coverage' },
    { path: 'coverage.network', min: 0, max: '*', targets: ['Network'], source: 'FHIR R4 InsurancePlan.coverage.network Reference(Organization)' },
  ],
  Network: [
    { path: 'meta.profile', min: 1, max: '*', source: 'every profile: meta.profile names it' },
    { path: 'active', min: 1, max: 1, fixed: true, source: 'NW: active 1..1, = true (exactly)' },
    { path: 'type', min: 1, max: 1, source: 'NW: type 1..1 MS' },
    { path: 'type.coding.code', min: 1, max: 1, fixed: 'ntwk', source: 'NW: type from NetworkTypeVS (required) = OrgTypeCS#ntwk' },
    { path: 'type.coding', min: 1, max: 1, from: [CS.OrgType], source: 'NW: NetworkTypeVS draws on OrgTypeCS' },
    { path: 'name', min: 1, max: 1, source: 'US Core Organization 3.1.1: name 1..1' },
    { path: 'telecom', min: 0, max: 0, source: 'NW: telecom 0..0' },
    { path: 'partOf', min: 1, max: 1, targets: ['Organization'], source: 'NW: partOf 1..1 Reference(PlannetOrganization)' },
  ],
  Organization: [
    { path: 'meta.profile', min: 1, max: '*', source: 'every profile: meta.profile names it' },
    { path: 'active', min: 1, max: 1, fixed: true, source: 'ORG: active 1..1, = true' },
    { path: 'name', min: 1, max: 1, source: 'US Core Organization 3.1.1: name 1..1' },
    { path: 'address', min: 1, max: '*', source: 'ORG: address 1..* MS' },
    { path: 'address.line', min: 0, max: '*', source: 'US Core Organization 3.1.1: address.line 0..4 (checked per address below)' },
    { path: 'type', min: 1, max: '*', source: 'ORG: type 1..* MS' },
    { path: 'type.coding', min: 1, max: '*', from: [CS.OrgType], source: 'ORG: type from OrgTypeVS (extensible)' },
  ],
  Location: [
    { path: 'meta.profile', min: 1, max: '*', source: 'every profile: meta.profile names it' },
    { path: 'status', min: 1, max: 1, fixed: 'active', source: 'LOC: status 1..1, = active (exactly)' },
    { path: 'name', min: 1, max: 1, source: 'US Core Location 3.1.1: name 1..1' },
    { path: 'mode', min: 0, max: 0, source: 'LOC: mode 0..0' },
    { path: 'address', min: 1, max: 1, source: 'LOC: address 0..1 MS (we always have the facility address)' },
    { path: 'address.city', min: 1, max: 1, source: 'US Core Location: address.city MS' },
    { path: 'address.state', min: 1, max: 1, source: 'US Core Location: address.state MS' },
    { path: 'address.postalCode', min: 1, max: 1, source: 'US Core Location: address.postalCode MS' },
    { path: 'position', min: 0, max: 1, source: 'LOC: position 0..1 MS' },
    { path: 'managingOrganization', min: 0, max: 1, targets: ['Organization'], source: 'LOC: managingOrganization 0..1 Reference(PlannetOrganization)' },
  ],
  HealthcareService: [
    { path: 'meta.profile', min: 1, max: '*', source: 'every profile: meta.profile names it' },
    { path: 'active', min: 1, max: 1, fixed: true, source: 'HCS: active 1..1, = true' },
    { path: 'category', min: 1, max: '*', source: 'HCS: category 1..* MS' },
    { path: 'category.coding', min: 1, max: '*', from: [CS.HealthcareServiceCategory], source: 'HCS: category[plan-net-category] from HealthcareServiceCategoryVS (required)' },
    { path: 'providedBy', min: 0, max: 1, targets: ['Organization'], source: 'HCS: providedBy 0..1 Reference(PlannetOrganization)' },
    { path: 'location', min: 1, max: '*', targets: ['Location'], source: 'HCS: location 0..* Reference(PlannetLocation) (we always name the facility)' },
    { path: 'specialty', min: 0, max: 0, source: 'HCS: specialty from SpecialtiesVS (required): we send none rather than guess a NUCC code' },
  ],
  OrganizationAffiliation: [
    { path: 'meta.profile', min: 1, max: '*', source: 'every profile: meta.profile names it' },
    { path: 'active', min: 1, max: 1, fixed: true, source: 'OA: active 1..1, = true' },
    { path: 'organization', min: 1, max: 1, targets: ['Organization'], source: 'OA: organization 0..1 Reference(PlannetOrganization) + invariant organization-or-participatingOrganization' },
    { path: 'participatingOrganization', min: 1, max: 1, targets: ['Organization'], source: 'OA: participatingOrganization 0..1 Reference(PlannetOrganization)' },
    { path: 'network', min: 1, max: '*', targets: ['Network'], source: 'OA: network 0..* Reference(PlannetNetwork)' },
    { path: 'code.coding', min: 1, max: '*', from: [CS.OrganizationRole, CS.OrganizationAffiliationRole], source: 'OA: code from OrganizationAffiliationRoleVS (extensible)' },
    { path: 'location', min: 1, max: '*', targets: ['Location'], source: 'OA: location 0..* Reference(PlannetLocation)' },
    { path: 'healthcareService', min: 1, max: '*', targets: ['HealthcareService'], source: 'OA: healthcareService 0..* Reference(PlannetHealthcareService)' },
  ],
}

/** Complex extensions: sub-extension cardinalities and bindings (NP, DM). */
const EXTENSIONS: Record<string, { source: string; parts: Record<string, { min: number; max: number | '*'; from?: CodeSystemRef; targets?: readonly ProfileName[] }> }> = {
  [`${IG}/StructureDefinition/newpatients`]: {
    source: 'NP: acceptingPatients 1..1 from AcceptingPatientsVS (required); fromNetwork 0..1 Reference(PlannetNetwork); characteristics 0..*',
    parts: { acceptingPatients: { min: 1, max: 1, from: CS.AcceptingPatients }, fromNetwork: { min: 0, max: 1, targets: ['Network'] }, characteristics: { min: 0, max: '*' } },
  },
  [`${IG}/StructureDefinition/delivery-method`]: {
    source: 'DM: type 1..1 from DeliveryMethodVS (required); virtualModalities 0..*',
    parts: { type: { min: 1, max: 1, from: CS.DeliveryMethod }, virtualModalities: { min: 0, max: '*' } },
  },
}

/** The values at a dotted path, arrays flattened. */
export function valuesAt(node: unknown, path: string): unknown[] {
  let current: unknown[] = [node]
  for (const key of path.split('.')) {
    current = current.flatMap((value) => {
      if (value === null || typeof value !== 'object') return []
      const next = (value as Record<string, unknown>)[key]
      if (next === undefined) return []
      return Array.isArray(next) ? next : [next]
    })
  }
  return current
}

/** Every { reference } object anywhere under a node. */
export function referencesIn(node: unknown): string[] {
  if (node === null || typeof node !== 'object') return []
  if (Array.isArray(node)) return node.flatMap(referencesIn)
  const own = typeof (node as { reference?: unknown }).reference === 'string' ? [(node as { reference: string }).reference] : []
  return [...own, ...Object.values(node).flatMap(referencesIn)]
}

/** Which Plan-Net profile a resource claims: an Organization is a Network or an Organization by its meta.profile. */
export function profileOf(resource: Resource): ProfileName | null {
  const claimed = resource.meta?.profile ?? []
  const found = (Object.entries(PROFILE) as Array<[ProfileName, string]>).filter(([, url]) => claimed.includes(url))
  return found.length === 1 ? found[0]![0] : null
}

/** The base of a fullUrl: everything before "/Type/id". */
const baseOf = (fullUrl: string) => fullUrl.replace(/\/[A-Za-z]+\/[A-Za-z0-9\-.]{1,64}$/, '')

/**
 * Every problem of a bundle against the rules above, as readable sentences ([] when it conforms):
 * bundle type, fullUrls, profiles claimed, each element's cardinality, fixed values and code
 * systems, extension parts, and that every reference resolves inside the bundle to a resource of
 * the profile the element allows.
 */
export function planNetProblems(bundle: Bundle): string[] {
  const problems: string[] = []
  if (bundle.resourceType !== 'Bundle') problems.push('not a Bundle')
  if (bundle.type !== 'collection') problems.push(`Bundle.type is ${String(bundle.type)}, not collection`)
  const entries = bundle.entry ?? []
  const byFullUrl = new Map<string, Resource>()
  for (const entry of entries) {
    const resource = entry.resource
    if (!entry.fullUrl || !resource) {
      problems.push('an entry without fullUrl or resource')
      continue
    }
    if (!entry.fullUrl.endsWith(`/${resource.resourceType}/${resource.id ?? ''}`)) problems.push(`${entry.fullUrl}: fullUrl does not end in its resource's type and id`)
    if (byFullUrl.has(entry.fullUrl)) problems.push(`${entry.fullUrl}: two entries with one fullUrl`)
    byFullUrl.set(entry.fullUrl, resource)
  }
  const resolve = (fromFullUrl: string, reference: string): Resource | undefined => {
    if (/^(urn:|https?:)/.test(reference)) return byFullUrl.get(reference)
    return byFullUrl.get(`${baseOf(fromFullUrl)}/${reference}`)
  }

  for (const entry of entries) {
    const resource = entry.resource
    if (!resource || !entry.fullUrl) continue
    const name = `${resource.resourceType}/${resource.id ?? '?'}`
    const profile = profileOf(resource)
    if (!profile) {
      problems.push(`${name}: claims no single Plan-Net profile`)
      continue
    }
    const expectedType = profile === 'Network' ? 'Organization' : profile
    if (resource.resourceType !== expectedType) problems.push(`${name}: claims ${profile} but is a ${resource.resourceType}`)
    for (const rule of RULES[profile]) {
      const values = valuesAt(resource, rule.path)
      if (values.length < rule.min) problems.push(`${name}: ${rule.path} has ${values.length}, needs at least ${rule.min} (${rule.source})`)
      if (rule.max !== '*' && values.length > rule.max) problems.push(`${name}: ${rule.path} has ${values.length}, at most ${rule.max} allowed (${rule.source})`)
      if (rule.fixed !== undefined) for (const value of values) if (value !== rule.fixed) problems.push(`${name}: ${rule.path} is ${JSON.stringify(value)}, must be ${JSON.stringify(rule.fixed)} (${rule.source})`)
      if (rule.from) {
        for (const coding of values as Array<{ system?: string; code?: string }>) {
          const system = rule.from.find((cs) => cs.system === coding.system)
          if (!system || !coding.code || !system.codes.includes(coding.code)) problems.push(`${name}: ${rule.path} ${coding.system}#${coding.code} is not in the bound value set (${rule.source})`)
        }
      }
      if (rule.targets) {
        for (const value of values as Array<{ reference?: string }>) {
          const target = value.reference ? resolve(entry.fullUrl, value.reference) : undefined
          if (!target) problems.push(`${name}: ${rule.path} ${value.reference} does not resolve inside the bundle`)
          else if (!rule.targets.includes(profileOf(target)!)) problems.push(`${name}: ${rule.path} ${value.reference} is not a ${rule.targets.join(' or ')} (${rule.source})`)
        }
      }
    }
    // US Core: address.line 0..4; R4 Location.position: longitude and latitude 1..1 each.
    for (const address of valuesAt(resource, 'address') as Array<{ line?: string[] }>) if ((address.line?.length ?? 0) > 4) problems.push(`${name}: an address has more than 4 lines`)
    for (const position of valuesAt(resource, 'position') as Array<{ latitude?: unknown; longitude?: unknown }>) {
      if (typeof position.latitude !== 'number' || typeof position.longitude !== 'number') problems.push(`${name}: position needs latitude and longitude (FHIR R4 Location.position)`)
    }
    for (const extension of (resource as { extension?: Array<{ url: string; extension?: Array<{ url: string; valueCodeableConcept?: { coding?: Array<{ system?: string; code?: string }> }; valueReference?: { reference?: string } }> }> }).extension ?? []) {
      const definition = EXTENSIONS[extension.url]
      if (!definition) continue
      for (const [part, spec] of Object.entries(definition.parts)) {
        const parts = (extension.extension ?? []).filter((e) => e.url === part)
        if (parts.length < spec.min || (spec.max !== '*' && parts.length > spec.max)) problems.push(`${name}: extension ${extension.url} has ${parts.length} ${part} (${definition.source})`)
        for (const value of parts) {
          if (spec.from) for (const coding of value.valueCodeableConcept?.coding ?? [{}]) if (coding.system !== spec.from.system || !spec.from.codes.includes(coding.code ?? '')) problems.push(`${name}: ${part} ${coding.system}#${coding.code} is not in the bound value set (${definition.source})`)
          if (spec.targets) {
            const target = value.valueReference?.reference ? resolve(entry.fullUrl, value.valueReference.reference) : undefined
            if (!target || !spec.targets.includes(profileOf(target)!)) problems.push(`${name}: ${part} ${value.valueReference?.reference} does not resolve to a ${spec.targets.join(' or ')}`)
          }
        }
      }
    }
    // Every reference anywhere (display-only references have none) resolves inside the bundle.
    for (const reference of referencesIn(resource)) if (!resolve(entry.fullUrl, reference)) problems.push(`${name}: reference ${reference} does not resolve inside the bundle`)
  }
  return problems
}
