import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { getDb } from '~/db/client.server'
import { newId } from '~/db/ids'
import { importOffersFile } from '~/services/offers-import.server'
import { facilitySearchKeys } from '~/domain/search/facility-text'

const HEADER = 'ccn,procedure_code,price,includes_implant,warranty_days,annual_volume,accreditation,valid_from,valid_to'

function csv(lines: string[]): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'offers-')), 'offers.csv')
  fs.writeFileSync(file, lines.join('\n'))
  return file
}

async function offers() {
  return getDb().selectFrom('offers').innerJoin('facilities', 'facilities.id', 'offers.facilityId').select(['facilities.ccn', 'offers.priceCents', 'offers.includesImplant', 'offers.annualVolume', 'offers.validFrom']).orderBy('facilities.ccn').orderBy('offers.validFrom').execute()
}

beforeAll(async () => {
  const now = new Date().toISOString()
  await getDb()
    .insertInto('procedures')
    .values({
      id: newId(), code: 'KNEE_TEST', name: 'Knee', description: 'Knee', drgCodes: '[]', typicalNights: 1, nightsSource: 't', nightsAway: 5, nightsAwaySource: 't', incidencePerThousand: 1,
      incidenceSource: 't', medicareBaseCents: null, medicareBaseSource: null, defaultInclusions: '[]', isActive: 1, createdAt: now, updatedAt: now,
    })
    .execute()
  for (const ccn of ['360180', '010001']) {
    await getDb()
      .insertInto('facilities')
      .values({
        ...facilitySearchKeys({ name: `Hospital ${ccn}`, city: 'X' }),
        id: newId(), ccn, name: `Hospital ${ccn}`, address: '1 St', city: 'X', state: 'OH', zip: '44195', county: null, phone: null, latitude: 41.5, longitude: -81.6,
        coordinateSource: 'zip_centroid', facilityType: 'Acute Care Hospitals', ownership: null, hasEmergencyServices: 1, starRating: 5, healthSystemId: null, createdAt: now, updatedAt: now,
      })
      .execute()
  }
})

describe('import:offers', () => {
  it('inserts, then finds nothing to change, then updates a changed price', async () => {
    const lines = [HEADER, '360180,KNEE_TEST,"28,500",yes,90,640,TJC,2026-01-01,2027-12-31', '10001,knee_test,$26000,no,,,,2026-01-01,']
    const first = await importOffersFile(csv(lines), { label: 'offers.csv', actor: null })
    expect(first).toMatchObject({ imported: true, rowsRead: 2, inserted: 2, updated: 0, unchanged: 0, rejected: [] })
    expect(await offers()).toEqual([
      { ccn: '010001', priceCents: 2_600_000, includesImplant: 0, annualVolume: null, validFrom: '2026-01-01' },
      { ccn: '360180', priceCents: 2_850_000, includesImplant: 1, annualVolume: 640, validFrom: '2026-01-01' },
    ])
    expect(await importOffersFile(csv(lines), { label: 'offers.csv', actor: null })).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 })
    const changed = await importOffersFile(csv([HEADER, '360180,KNEE_TEST,29000,yes,90,640,TJC,2026-01-01,2027-12-31']), { label: 'offers.csv', actor: null })
    expect(changed).toMatchObject({ inserted: 0, updated: 1, unchanged: 0 })
    expect((await offers()).find((o) => o.ccn === '360180')!.priceCents).toBe(2_900_000)
  })

  it('sets TIN and NPI when the file has them, and an empty cell or a file without the columns keeps them (issue 23)', async () => {
    const ids = () => getDb().selectFrom('offers').innerJoin('facilities', 'facilities.id', 'offers.facilityId').select(['offers.tin', 'offers.npi']).where('facilities.ccn', '=', '360180').where('offers.validFrom', '=', '2026-01-01').executeTakeFirstOrThrow()
    const withIds = `${HEADER},tin,npi`
    const set = await importOffersFile(csv([withIds, '360180,KNEE_TEST,29000,yes,90,640,TJC,2026-01-01,2027-12-31,12-3456789,1234567893']), { label: 'offers.csv', actor: null })
    expect(set).toMatchObject({ imported: true, updated: 1 })
    expect(await ids()).toEqual({ tin: '123456789', npi: '1234567893' })
    const kept = await importOffersFile(csv([withIds, '360180,KNEE_TEST,29000,yes,90,640,TJC,2026-01-01,2027-12-31,,']), { label: 'offers.csv', actor: null })
    expect(kept).toMatchObject({ imported: true, updated: 0, unchanged: 1 })
    expect(await importOffersFile(csv([HEADER, '360180,KNEE_TEST,29000,yes,90,640,TJC,2026-01-01,2027-12-31']), { label: 'offers.csv', actor: null })).toMatchObject({ unchanged: 1 })
    expect(await ids()).toEqual({ tin: '123456789', npi: '1234567893' })
    const bad = await importOffersFile(csv([withIds, '360180,KNEE_TEST,29000,yes,90,640,TJC,2026-01-01,2027-12-31,12-3456789,1234567890']), { label: 'offers.csv', actor: null })
    expect(bad).toMatchObject({ imported: false, rejected: [{ line: 2, column: 'npi', reason: '"1234567890": this NPI fails its check digit: look for a typing mistake' }] })
    expect(await ids()).toEqual({ tin: '123456789', npi: '1234567893' })
  })

  it('reports every bad row with line, column and reason, and imports nothing', async () => {
    const before = await offers()
    const report = await importOffersFile(
      csv([
        HEADER,
        '360180,KNEE_TEST,31000,yes,90,640,TJC,2026-06-01,',
        '999999,KNEE_TEST,31000,yes,90,640,TJC,2026-06-01,',
        '360180,HEART,31000,yes,90,640,TJC,2026-07-01,',
        '360180,KNEE_TEST,-5,perhaps,90,640,TJC,2026-08-01,',
        '360180,KNEE_TEST,31000,yes,90,640,TJC,2026-06-01,',
        '360180,KNEE_TEST,31000,yes,90,640,TJC,06/01/2026,2025-01-01',
      ]),
      { label: 'offers.csv', actor: null },
    )
    expect(report.imported).toBe(false)
    expect(report.rejected).toEqual([
      { line: 3, column: 'ccn', reason: 'no facility with CCN 999999 in the catalog (run import:cms first)' },
      { line: 4, column: 'procedure_code', reason: 'no procedure HEART in the catalog' },
      { line: 5, column: 'price', reason: '"-5" is not a price in dollars above $0' },
      { line: 5, column: 'includes_implant', reason: '"perhaps" is not yes or no' },
      { line: 6, column: 'ccn', reason: 'same facility, procedure and valid_from as line 2' },
      { line: 7, column: 'valid_from', reason: '"06/01/2026" is not a date in YYYY-MM-DD form' },
    ])
    expect(await offers()).toEqual(before)
  })

  it('refuses a file that is not an offers file, and an empty one', async () => {
    await expect(importOffersFile(csv(['employee_id,first_name,last_name', 'A1,Ada,Lovelace']), { label: 'roster.csv', actor: null })).rejects.toThrow(
      'roster.csv: not the expected file: missing columns "ccn", "procedure_code", "price", "valid_from"',
    )
    expect(await importOffersFile(csv([HEADER]), { label: 'empty.csv', actor: null })).toMatchObject({
      imported: false,
      rejected: [{ line: 1, column: '', reason: 'the file has a header but no offers' }],
    })
  })
})
