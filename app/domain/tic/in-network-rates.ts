import { formatTin } from '~/domain/offers/provider-ids'

/*
 * The Transparency in Coverage in-network rates file of an employer's COE bundle rates (issue 23,
 * ADR 0018), version 1.0.0 of the CMS price-transparency-guide (schemas/in-network-rates). A
 * self-funded group plan must publish the rates it negotiated; here those are the bundled prices
 * of the offers in the employer's published programs' networks.
 *
 * Layout, following the guide's bundle example: one `in_network` item per billing code that
 * pays the bundle (the procedure's MS-DRGs, institutional), with `negotiation_arrangement:
 * "bundle"`, and the professional code the bundle covers (the surgeon's CPT) in `bundled_codes`.
 * A procedure with no MS-DRG (a second opinion) is one LOCAL item billed as professional. Each
 * offer is one negotiated rate naming its provider group by reference; the groups (NPI + TIN) are
 * written after `in_network`, so the file streams in one pass with memory bounded by the number
 * of distinct provider groups, never by the number of offers.
 */

export const TIC_SCHEMA_VERSION = '1.0.0'
/** The guide's value for a rate with no end (price-transparency-guide discussion 42). */
export const NO_EXPIRATION_DATE = '9999-12-31'

export interface TicCode {
  billingCodeType: 'MS-DRG' | 'CPT' | 'LOCAL'
  billingCode: string
  description: string
}

/** MS-DRG titles of the codes the catalog uses (CMS MS-DRG definitions, unchanged from v37 to v43). */
const MS_DRG_TITLES: Readonly<Record<string, string>> = {
  '469': 'Major hip and knee joint replacement or reattachment of lower extremity with MCC or total ankle replacement',
  '470': 'Major hip and knee joint replacement or reattachment of lower extremity without MCC',
  '459': 'Spinal fusion except cervical with MCC',
  '460': 'Spinal fusion except cervical without MCC',
  '619': 'O.R. procedures for obesity with MCC',
  '620': 'O.R. procedures for obesity with CC',
  '621': 'O.R. procedures for obesity without CC/MCC',
}

/** The principal CPT code of the surgeon's part of each catalog bundle (AMA CPT descriptors, shortened). */
const PRINCIPAL_CPT: Readonly<Record<string, TicCode>> = {
  TKA: { billingCodeType: 'CPT', billingCode: '27447', description: 'Total knee arthroplasty (arthroplasty, knee, condyle and plateau; medial and lateral compartments)' },
  THA: { billingCodeType: 'CPT', billingCode: '27130', description: 'Total hip arthroplasty (acetabular and proximal femoral prosthetic replacement)' },
  SPINE_FUSION: { billingCodeType: 'CPT', billingCode: '22612', description: 'Arthrodesis, posterior or posterolateral technique, single interspace; lumbar' },
  BARIATRIC_SLEEVE: { billingCodeType: 'CPT', billingCode: '43775', description: 'Laparoscopy, surgical, gastric restrictive procedure; longitudinal gastrectomy (sleeve gastrectomy)' },
  CABG: { billingCodeType: 'CPT', billingCode: '33533', description: 'Coronary artery bypass, using arterial graft(s); single arterial graft' },
}

export interface TicProcedure {
  code: string
  name: string
  /** The catalog's MS-DRG codes (procedures.drg_codes). */
  drgCodes: readonly string[]
}

/** One `in_network` item of the file, without its rates. */
export interface TicItem {
  procedureCode: string
  name: string
  code: TicCode
  billingCodeTypeVersion: string
  billingClass: 'institutional' | 'professional'
  bundledCodes: ReadonlyArray<TicCode & { billingCodeTypeVersion: string }>
}

/** MS-DRG grouper version in force on a date: v43 for federal fiscal year 2026 (Oct 2025 – Sep 2026), one more each October. */
export function msDrgVersion(isoDate: string): string {
  const year = Number(isoDate.slice(0, 4))
  const fiscalYear = Number(isoDate.slice(5, 7)) >= 10 ? year + 1 : year
  return String(fiscalYear - 1983)
}

/** CPT is released per calendar year: its version is the year. */
export function cptVersion(isoDate: string): string {
  return isoDate.slice(0, 4)
}

/**
 * The `in_network` items of a procedure on a date: one per MS-DRG (institutional), each with the
 * surgeon's CPT as bundled code; a procedure without MS-DRG is one LOCAL item (professional) under
 * its catalog code.
 */
export function ticItemsOfProcedure(procedure: TicProcedure, onDate: string): TicItem[] {
  const cpt = PRINCIPAL_CPT[procedure.code]
  const bundledCodes = cpt ? [{ ...cpt, billingCodeTypeVersion: cptVersion(onDate) }] : []
  if (procedure.drgCodes.length === 0) {
    return [{
      procedureCode: procedure.code,
      name: procedure.name,
      code: { billingCodeType: 'LOCAL', billingCode: procedure.code, description: `${procedure.name}: the program's bundled episode` },
      billingCodeTypeVersion: cptVersion(onDate),
      billingClass: 'professional',
      bundledCodes,
    }]
  }
  return [...procedure.drgCodes].sort().map((drg) => ({
    procedureCode: procedure.code,
    name: `${procedure.name} (bundled episode)`,
    code: { billingCodeType: 'MS-DRG', billingCode: drg, description: MS_DRG_TITLES[drg] ?? `${procedure.name}, MS-DRG ${drg}` },
    billingCodeTypeVersion: msDrgVersion(onDate),
    billingClass: 'institutional',
    bundledCodes,
  }))
}

/**
 * A rate's expiration date: the end of the signed contract that fixes it, else the offer's last
 * valid day, else the end of the programs that include it, else 9999-12-31 (no end, as the guide says).
 */
export function expirationDateOf(ends: { contractPeriodEnd: string | null; offerValidTo: string | null; programEnd: string | null }): string {
  return ends.contractPeriodEnd ?? ends.offerValidTo ?? ends.programEnd ?? NO_EXPIRATION_DATE
}

/** Place of service for professional billing (CMS place-of-service codes): 22 on-campus outpatient hospital, 11 office. */
export const PROFESSIONAL_SERVICE_CODES = ['11', '22'] as const

export interface TicHeader {
  reportingEntityName: string
  /** "group health plan": the self-funded plan publishes its own file. */
  reportingEntityType: string
  planName: string
  /** The plan sponsor's EIN, 9 digits. */
  planSponsorEin: string
  lastUpdatedOn: string
}

/** One offer's negotiated rate under one item. */
export interface TicRate {
  tin: string
  npi: string
  rateCents: number
  expirationDate: string
}

export interface TicSection {
  item: TicItem
  rates: AsyncIterable<TicRate>
}

/** A rate without its TIN or NPI reached the writer: the file must not be published (the service checks first). */
export class MissingProviderIdError extends Error {}

const CHUNK_CHARACTERS = 64 * 1024

function codeObject(code: TicCode & { billingCodeTypeVersion: string }) {
  return { billing_code_type: code.billingCodeType, billing_code_type_version: code.billingCodeTypeVersion, billing_code: code.billingCode, description: code.description }
}

/**
 * Writes the file as a sequence of JSON text chunks (each about 64 KB), reading the sections and
 * their rates one at a time: memory holds one chunk and the provider groups seen so far.
 * Provider group ids number the distinct (TIN, NPI) pairs from 1 in the order they are met.
 */
export async function* writeInNetworkRates(header: TicHeader, sections: AsyncIterable<TicSection>): AsyncGenerator<string> {
  const groupIds = new Map<string, number>()
  let buffer = ''
  const head = {
    reporting_entity_name: header.reportingEntityName,
    reporting_entity_type: header.reportingEntityType,
    plan_name: header.planName,
    plan_id_type: 'EIN',
    plan_id: header.planSponsorEin,
    plan_market_type: 'group',
    last_updated_on: header.lastUpdatedOn,
    version: TIC_SCHEMA_VERSION,
  }
  buffer += `${JSON.stringify(head).slice(0, -1)},"in_network":[`
  let isFirstItem = true
  for await (const { item, rates } of sections) {
    const opening = {
      negotiation_arrangement: 'bundle',
      name: item.name,
      billing_code_type: item.code.billingCodeType,
      billing_code_type_version: item.billingCodeTypeVersion,
      billing_code: item.code.billingCode,
      description: item.code.description,
      ...(item.bundledCodes.length > 0 ? { bundled_codes: item.bundledCodes.map(codeObject) } : {}),
    }
    let itemText = `${isFirstItem ? '' : ','}${JSON.stringify(opening).slice(0, -1)},"negotiated_rates":[`
    let isFirstRate = true
    for await (const rate of rates) {
      if (!rate.tin || !rate.npi) throw new MissingProviderIdError('A rate without its TIN or NPI reached the file')
      const key = `${rate.tin}:${rate.npi}`
      let groupId = groupIds.get(key)
      if (groupId === undefined) {
        groupId = groupIds.size + 1
        groupIds.set(key, groupId)
      }
      const price = {
        negotiated_type: 'negotiated',
        negotiated_rate: rate.rateCents / 100,
        expiration_date: rate.expirationDate,
        billing_class: item.billingClass,
        ...(item.billingClass === 'professional' ? { service_code: [...PROFESSIONAL_SERVICE_CODES] } : {}),
      }
      itemText += `${isFirstRate ? '' : ','}{"provider_references":[${groupId}],"negotiated_prices":[${JSON.stringify(price)}]}`
      isFirstRate = false
      if (itemText.length >= CHUNK_CHARACTERS) {
        // An item with no rate is not written at all: the opening waits in itemText until the first rate.
        yield buffer + itemText
        buffer = ''
        itemText = ''
      }
    }
    if (isFirstRate) continue
    buffer += `${itemText}]}`
    isFirstItem = false
    if (buffer.length >= CHUNK_CHARACTERS) {
      yield buffer
      buffer = ''
    }
  }
  buffer += '],"provider_references":['
  let isFirstGroup = true
  for (const [key, id] of groupIds) {
    const [tin, npi] = key.split(':') as [string, string]
    buffer += `${isFirstGroup ? '' : ','}${JSON.stringify({ provider_group_id: id, provider_groups: [{ npi: [Number(npi)], tin: { type: 'ein', value: formatTin(tin) } }] })}`
    isFirstGroup = false
    if (buffer.length >= CHUNK_CHARACTERS) {
      yield buffer
      buffer = ''
    }
  }
  yield `${buffer}]}`
}

/** A network offer the file cannot name: its provider identifiers still missing. */
export interface OfferMissingProviderIds {
  healthSystemName: string | null
  facilityName: string
  procedureName: string
  tin: string | null
  npi: string | null
}

/** "Lakeshore Health: Lakeshore General Hospital, Total knee replacement: missing TIN and NPI". */
export function describeOfferMissingProviderIds(offer: OfferMissingProviderIds): string {
  const missing = [offer.tin ? null : 'TIN', offer.npi ? null : 'NPI'].filter(Boolean).join(' and ')
  return `${offer.healthSystemName ?? 'No health system'}: ${offer.facilityName}, ${offer.procedureName}: missing ${missing}`
}
