import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { insertAuditEntry } from '~/db/repositories/audit.server'
import { insertOffer, listOffersOfFacilities, mapFacilityIdsByCcn, mapProcedureIdsByCode, updateOffer } from '~/db/repositories/offers.server'
import { parseOfferRow, REQUIRED_OFFER_COLUMNS, type OfferRow } from '~/domain/offers/offer-row'
import type { Actor } from '~/domain/tenancy'
import { readCsv } from './csv-reader.server'

export interface OffersImportReport {
  rowsRead: number
  inserted: number
  updated: number
  unchanged: number
  rejected: Array<{ line: number; column: string; reason: string }>
  imported: boolean
}

const COMPARED = [
  'priceCents', 'includesFacility', 'includesSurgeon', 'includesAnesthesia', 'includesImplant', 'includesFollowUp', 'warrantyDays', 'followUpVisits',
  'annualVolume', 'accreditation', 'appointmentWithinDays', 'validTo',
] as const

/**
 * Loads an offers CSV (DESIGN §6): every row is checked (columns, facility by CCN, procedure by
 * code, duplicates in the file); one rejected row means nothing is written and the report lists
 * each one. Otherwise offers upsert by facility + procedure + valid_from in one transaction.
 */
export async function importOffersFile(path: string, options: { label: string; actor: Actor | null; now?: Date }): Promise<OffersImportReport> {
  const now = (options.now ?? new Date()).toISOString()
  const report: OffersImportReport = { rowsRead: 0, inserted: 0, updated: 0, unchanged: 0, rejected: [], imported: false }
  const parsed: Array<{ line: number; offer: OfferRow }> = []
  for await (const row of readCsv(path, { label: options.label, requiredColumns: REQUIRED_OFFER_COLUMNS })) {
    report.rowsRead++
    const result = parseOfferRow(row.values)
    if (result.ok) parsed.push({ line: row.line, offer: result.offer })
    else for (const error of result.errors) report.rejected.push({ line: row.line, ...error })
  }
  if (report.rowsRead === 0) report.rejected.push({ line: 1, column: '', reason: 'the file has a header but no offers' })

  const db = getDb()
  const facilityIds = await mapFacilityIdsByCcn(db, [...new Set(parsed.map((p) => p.offer.ccn))])
  const procedureIds = await mapProcedureIdsByCode(db)
  const seen = new Map<string, number>()
  for (const { line, offer } of parsed) {
    if (!facilityIds.has(offer.ccn)) report.rejected.push({ line, column: 'ccn', reason: `no facility with CCN ${offer.ccn} in the catalog (run import:cms first)` })
    if (!procedureIds.has(offer.procedureCode)) report.rejected.push({ line, column: 'procedure_code', reason: `no procedure ${offer.procedureCode} in the catalog` })
    const key = `${offer.ccn}|${offer.procedureCode}|${offer.validFrom}`
    const first = seen.get(key)
    if (first !== undefined) report.rejected.push({ line, column: 'ccn', reason: `same facility, procedure and valid_from as line ${first}` })
    else seen.set(key, line)
  }
  if (report.rejected.length > 0) {
    report.rejected.sort((a, b) => a.line - b.line)
    return report
  }

  await db.transaction().execute(async (trx) => {
    const existing = await listOffersOfFacilities(trx, [...facilityIds.values()])
    const byKey = new Map(existing.map((o) => [`${o.facilityId}|${o.procedureId}|${o.validFrom}`, o]))
    for (const { offer } of parsed) {
      const facilityId = facilityIds.get(offer.ccn)!
      const procedureId = procedureIds.get(offer.procedureCode)!
      const { ccn: _ccn, procedureCode: _code, ...values } = offer
      const current = byKey.get(`${facilityId}|${procedureId}|${offer.validFrom}`)
      if (!current) {
        await insertOffer(trx, { id: newId(), facilityId, procedureId, ...values, status: 'active', createdAt: now, updatedAt: now })
        report.inserted++
      } else if (
        COMPARED.some((field) => current[field] !== values[field]) ||
        current.status !== 'active' ||
        (values.tin !== undefined && values.tin !== current.tin) ||
        (values.npi !== undefined && values.npi !== current.npi)
      ) {
        await updateOffer(trx, current.id, { ...values, status: 'active', updatedAt: now })
        report.updated++
      } else report.unchanged++
    }
    await insertAuditEntry(trx, options.actor, {
      action: 'offers.imported', subjectType: 'offers_file', subjectId: options.label, employerId: null, at: now,
      detail: JSON.stringify({ inserted: report.inserted, updated: report.updated, unchanged: report.unchanged }),
    })
  })
  report.imported = true
  return report
}
