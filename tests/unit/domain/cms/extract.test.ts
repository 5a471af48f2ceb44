import { describe, expect, it } from 'vitest'
import { CMS_EXTRACT_SPECS, keepsRow, manifestText, planColumns, projectRow, widenPeriod, type ColumnPlan, type ExtractSpec } from '~/domain/cms/extract'

const spec = (file: string): ExtractSpec => CMS_EXTRACT_SPECS[file]!

function plan(file: string, header: string[]): ColumnPlan {
  const result = planColumns(file, header, spec(file))
  if (!result.ok) throw new Error(result.message)
  return result.plan
}

/** A header and rows as readCsv yields them: records keyed by the file's header. */
function records(header: string[], rows: string[][]): Array<Record<string, string>> {
  return rows.map((row) => Object.fromEntries(header.map((name, i) => [name, row[i]!])))
}

describe('planColumns', () => {
  it("keeps only the importer's columns, with the file's own spellings, in the file's order", () => {
    const header = ['Facility Name', 'Facility ID', 'Measure Name', 'Number of Discharges', 'Footnote', 'Excess Readmission Ratio', 'Predicted Readmission Rate', 'Start Date', 'End Date']
    expect(plan('Hospital_Readmissions_Reduction_Program_Hospital.csv', header).kept).toEqual([
      'Facility ID', 'Measure Name', 'Number of Discharges', 'Footnote', 'Excess Readmission Ratio', 'Start Date', 'End Date',
    ])
  })

  it('keeps an older spelling as the file writes it, and skips an absent optional column', () => {
    const header = ['Provider ID', 'Hospital Name', 'Address', 'City', 'State', 'ZIP Code', 'County Name', 'Phone Number', 'Hospital Type', 'Hospital Ownership', 'Emergency Services', 'Hospital overall rating', 'Location']
    expect(plan('Hospital_General_Information.csv', header).kept).toEqual(header.slice(0, -1))
    expect(plan('legacy-2020/Hospital_General_Information.csv', header).kept).toEqual(['Provider ID', 'ZIP Code', 'Location'])
    // The FY2026 HRRP copy has no Footnote column (optional for the importer).
    const hrrp = ['Facility Name', 'Facility ID', 'State', 'Measure Name', 'Condition', 'Number of Discharges', 'Excess Readmission Ratio', 'Start Date', 'End Date']
    expect(plan('derived/FY_2026_Hospital_Readmissions_Reduction_Program_Hospital.csv', hrrp).kept).toEqual([
      'Facility ID', 'Measure Name', 'Number of Discharges', 'Excess Readmission Ratio', 'Start Date', 'End Date',
    ])
  })

  it('keeps a pivot to its id and the one measure’s score and flag', () => {
    const header = ['facility_id', 'comp_score_comp_hip_knee', 'comp_score_psi_90', 'comp_flag_comp_hip_knee', 'comp_flag_psi_90']
    expect(plan('derived/complications_cleaned.csv', header).kept).toEqual(['facility_id', 'comp_score_comp_hip_knee', 'comp_flag_comp_hip_knee'])
  })

  it('refuses a file without a column the importer needs, naming it', () => {
    const result = planColumns('derived/complications_cleaned.csv', ['facility_id', 'comp_score_psi_90'], spec('derived/complications_cleaned.csv'))
    expect(result).toMatchObject({ ok: false, message: expect.stringContaining('no column "comp_score_comp_hip_knee", "comp_flag_comp_hip_knee"') })
  })
})

describe('keepsRow and projectRow', () => {
  it('keeps only the measure’s rows of a long file, in any spelling of its id', () => {
    const file = 'Complications_and_Deaths-Hospital.csv'
    const header = ['Facility ID', 'Facility Name', 'Measure ID', 'Compared to National', 'Denominator', 'Score', 'Footnote', 'Start Date', 'End Date']
    const p = plan(file, header)
    const rows = records(header, [
      ['010001', 'A', 'COMP_HIP_KNEE', 'No Different Than the National Rate', '250', '3.2', '', '04/01/2021', '03/31/2024'],
      ['010001', 'A', 'PSI_90', 'No Different Than the National Rate', '', '1.01', '', '07/01/2022', '06/30/2024'],
      ['010005', 'B', 'comp-hip-knee', 'Not Available', '', 'Not Available', '5', '04/01/2021', '03/31/2024'],
    ])
    const kept = rows.filter((r) => keepsRow(spec(file), p, r)).map((r) => projectRow(p, r))
    expect(p.kept).toEqual(['Facility ID', 'Measure ID', 'Compared to National', 'Denominator', 'Score', 'Footnote', 'Start Date', 'End Date'])
    expect(kept).toEqual([
      ['010001', 'COMP_HIP_KNEE', 'No Different Than the National Rate', '250', '3.2', '', '04/01/2021', '03/31/2024'],
      ['010005', 'comp-hip-knee', 'Not Available', '', 'Not Available', '5', '04/01/2021', '03/31/2024'],
    ])
  })

  it.each([
    ['Unplanned_Hospital_Visits-Hospital.csv', 'Measure ID', ['READM_30_HIP_KNEE', 'READM_30_HF', 'EDAC_30_AMI'], ['READM_30_HIP_KNEE']],
    ['Hospital_Readmissions_Reduction_Program_Hospital.csv', 'Measure Name', ['READM-30-HIP-KNEE-HRRP', 'READM-30-HF-HRRP', 'READM-30-AMI-HRRP'], ['READM-30-HIP-KNEE-HRRP']],
    ['Medicare_Hospital_Spending_Per_Patient-Hospital.csv', 'Measure ID', ['MSPB-1', 'MSPB_1', 'MSPB-2'], ['MSPB-1', 'MSPB_1']],
    ['Payment-National.csv', 'Measure ID', ['PAYM_30_AMI', 'PAYM_90_HIP_KNEE', 'PAYM_30_HF'], ['PAYM_90_HIP_KNEE']],
  ])('%s keeps only its measure (column %s)', (file, column, ids, keptIds) => {
    const { columns } = spec(file)
    const header = columns.map((c) => c.spellings[0]!)
    const p = plan(file, header)
    const rows = records(header, ids.map((id) => header.map((name) => (name === column ? id : name === 'Facility ID' ? '010001' : ''))))
    expect(rows.filter((r) => keepsRow(spec(file), p, r)).map((r) => r[column])).toEqual(keptIds)
  })

  it('keeps every row of a pivot, a blank score too (a listed hospital with no value clears on import)', () => {
    const file = 'derived/unplanned_visits_cleaned.csv'
    const header = ['facility_id', 'unplanned_score_op_32', 'unplanned_score_readm_30_hip_knee', 'unplanned_flag_readm_30_hip_knee']
    const p = plan(file, header)
    const rows = records(header, [
      ['10001', '12.1', '4.8', 'no different than the national rate'],
      ['10005', '9.9', '', 'number of cases too small'],
      ['10006', '', '', ''],
    ])
    expect(rows.filter((r) => keepsRow(spec(file), p, r)).map((r) => projectRow(p, r))).toEqual([
      ['10001', '4.8', 'no different than the national rate'],
      ['10005', '', 'number of cases too small'],
      ['10006', '', ''],
    ])
  })
})

describe('widenPeriod', () => {
  it('takes the earliest Start Date and the latest End Date, as ISO dates', () => {
    const file = 'Hospital_Readmissions_Reduction_Program_Hospital.csv'
    const header = ['Facility ID', 'Measure Name', 'Number of Discharges', 'Excess Readmission Ratio', 'Start Date', 'End Date']
    const p = plan(file, header)
    const rows = records(header, [
      ['010001', 'READM-30-HIP-KNEE-HRRP', 'N/A', '0.9654', '07/01/2020', '06/30/2023'],
      ['010005', 'READM-30-HIP-KNEE-HRRP', 'N/A', '0.8497', '07/01/2019', '06/30/2022'],
      ['010006', 'READM-30-HIP-KNEE-HRRP', 'N/A', '1.01', '', 'not a date'],
    ])
    expect(rows.reduce((period, r) => widenPeriod(period, p, r), { start: null as string | null, end: null as string | null })).toEqual({
      start: '2019-07-01',
      end: '2023-06-30',
    })
  })

  it('leaves the period empty for a file without dates', () => {
    const p = plan('derived/complications_cleaned.csv', ['facility_id', 'comp_score_comp_hip_knee', 'comp_flag_comp_hip_knee'])
    expect(widenPeriod({ start: null, end: null }, p, { facility_id: '10001', comp_score_comp_hip_knee: '3.2', comp_flag_comp_hip_knee: '' })).toEqual({ start: null, end: null })
  })
})

describe('manifestText', () => {
  it('is stable JSON with no time or absolute path in it', () => {
    const text = manifestText([])
    expect(text).toBe(manifestText([]))
    expect(text.endsWith('}\n')).toBe(true)
    expect(JSON.parse(text)).toMatchObject({ regenerate: 'npm run cms:extract -- ../shared/data/cms', files: [] })
  })
})
