import { createHmac, randomUUID } from 'node:crypto'
import { stringify } from 'csv-stringify/sync'
import { getDb } from '~/db/client.server'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { listAttributableCases, listExtractCatalogNames } from '~/db/repositories/contract-episodes.server'
import { findPartyContract, listContractVersions } from '~/db/repositories/contracts.server'
import { findPseudonymSecret } from '~/db/repositories/contracts-in-force.server'
import { attributeCase } from '~/domain/contracts/attribution'
import { extractFields, extractRow, listExtractWindows, resolveExtractWindow, type ExtractValue } from '~/domain/contracts/extracts'
import { ContractTermsSchema, type ContractTerms } from '~/domain/contracts/terms'
import { toIsoDate } from '~/domain/dates'
import { buildEpisodeBundle } from '~/domain/fhir/episode-bundle'
import type { Actor, ContractParty } from '~/domain/tenancy'
import { notFound } from '~/http/responses.server'
import { attributionScopeOf } from './coalition-contracts.server'
import { neutralizeFormula } from './report-exports.server'

/*
 * Data-sharing extracts of a contract (issue 21, ADR 0016 §10): per window of the contract's
 * cadence, the episodes attributed under the version in force, with only the fields it names and
 * the member as a pseudonym stable within the contract and unlinkable across contracts. Both sides
 * download them; every download is audited. Three forms of the same rows: CSV, JSON, and a FHIR R4
 * Bundle for partners who take FHIR (issue 23, ADR 0019).
 */

export type ExtractFormat = 'csv' | 'json' | 'fhir'

/**
 * The member's pseudonym in one contract's extracts: HMAC-SHA-256 keyed with the contract's 32-byte
 * secret over the roster member id, in hex. The same member has the same pseudonym in every extract
 * of a contract and an unrelated one in another contract's; without the secret it cannot be
 * reversed by trying roster ids.
 */
export function memberPseudonym(secretHex: string, rosterMemberId: string): string {
  return createHmac('sha256', Buffer.from(secretHex, 'hex')).update(rosterMemberId, 'utf8').digest('hex')
}

/** The contract the party may see and the terms of its version in force (the newest signed); 404 otherwise, or when none is signed yet. */
async function contractInForce(party: ContractParty, contractId: string) {
  const db = getDb()
  const contract = await findPartyContract(db, party, contractId)
  if (!contract) throw notFound('Contract')
  const signed = (await listContractVersions(db, contractId)).find((version) => version.status === 'signed')
  const terms: ContractTerms | null = signed ? ContractTermsSchema.parse(JSON.parse(signed.terms)) : null
  return { contract, signed: signed && terms ? { version: signed.version, terms } : null }
}

/** The extract windows a contract page lists (newest first), or none before a version is signed. */
export async function listContractExtractWindows(party: ContractParty, contractId: string, now = new Date()) {
  const { signed } = await contractInForce(party, contractId)
  if (!signed) return { cadence: null, windows: [] }
  return { cadence: signed.terms.dataSharing.cadence, windows: listExtractWindows(signed.terms.dataSharing.cadence, signed.terms.attribution, toIsoDate(now)) }
}

/**
 * One extract file: the episodes with a procedure date in the window, attributed under the
 * version in force (attributeCase), as CSV (header row first; cents as whole numbers; an outcome
 * not recorded is empty), JSON, or a FHIR R4 Bundle of the same rows (buildEpisodeBundle). 404 for a contract the party may not see, one not signed yet, or
 * a window that is not one of the contract's. The download is audited with its window, format and
 * row count.
 */
export async function downloadContractExtract(actor: Actor, party: ContractParty, contractId: string, windowKey: string, format: ExtractFormat, now = new Date()) {
  const { contract, signed } = await contractInForce(party, contractId)
  if (!signed) throw notFound('Extract')
  const { terms } = signed
  const window = resolveExtractWindow(terms.dataSharing.cadence, windowKey, terms.attribution, toIsoDate(now))
  if (!window) throw notFound('Extract')
  const db = getDb()
  const { employerIds, memberships } = await attributionScopeOf(db, contract.purchaserOrganizationId, window.from, window.to)
  const cases = await listAttributableCases(db, contract.id, {
    employerIds,
    facilityIds: terms.networkFacilityIds,
    procedureCodes: terms.bundleRates.map((rate) => rate.procedureCode),
    from: window.from,
    to: window.to,
  })
  const fields = extractFields(terms.dataSharing.fields)
  // The secret is read only when the contract shares pseudonyms, and never leaves this function.
  const secret = fields.includes('member_pseudonym') ? await findPseudonymSecret(db, contract.id) : undefined
  const pseudonymOf = (rosterMemberId: string) => {
    if (secret === undefined) throw new Error(`contract ${contract.id} has no pseudonym secret`)
    return memberPseudonym(secret, rosterMemberId)
  }
  const rows = cases.flatMap((facts) => {
    const attributed = attributeCase(terms, facts, window.from, window.to, memberships)
    return attributed.ok ? [extractRow(fields, attributed.record, pseudonymOf)] : []
  })

  const at = now.toISOString()
  await insertAuditEntry(db, actor, {
    action: 'contract.extract_downloaded',
    subjectType: 'contract',
    subjectId: contract.id,
    employerId: contract.purchaserOrganizationId,
    at,
    detail: JSON.stringify({ window: window.key, from: window.from, to: window.to, format, rows: rows.length, version: signed.version, side: party.side }),
  })

  if (format === 'fhir') {
    const names = await listExtractCatalogNames(db, {
      procedureCodes: [...new Set(rows.flatMap((row) => (typeof row.procedure_code === 'string' ? [row.procedure_code] : [])))],
      facilityIds: [...new Set(rows.flatMap((row) => (typeof row.facility_id === 'string' ? [row.facility_id] : [])))],
    })
    const bundle = buildEpisodeBundle({ contractId: contract.id, window, fields, rows, ...names, timestamp: at, newUuid: randomUUID })
    return { fileName: `contract-extract-${window.key}.fhir.json`, contentType: 'application/fhir+json; charset=utf-8', body: JSON.stringify(bundle) }
  }
  const fileName = `contract-extract-${window.key}.${format}`
  if (format === 'json') {
    const body = JSON.stringify({ window: { key: window.key, from: window.from, to: window.to, isComplete: window.isComplete }, contractVersion: signed.version, fields, rows })
    return { fileName, contentType: 'application/json; charset=utf-8', body }
  }
  const cell = (value: ExtractValue) => (value === null ? '' : typeof value === 'boolean' ? String(value) : neutralizeFormula(value))
  const body = stringify([fields, ...rows.map((row) => fields.map((field) => cell(row[field] ?? null)))], { record_delimiter: '\r\n' })
  return { fileName, contentType: 'text/csv; charset=utf-8', body }
}
