import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseFactSource } from '~/domain/cms/fact-source'

describe('a CMS fact source line', () => {
  it.each([
    [
      'CMS Complications and Deaths – Hospital (2025/26 Care Compare release, one-row-per-hospital copy)',
      { kind: 'release-copy', dataset: 'CMS Complications and Deaths – Hospital', release: '2025/26' },
    ],
    ['CMS Hospital Readmissions Reduction Program, FY2026', { kind: 'fiscal-year', dataset: 'CMS Hospital Readmissions Reduction Program', year: '2026' }],
    ['CMS Medicare Inpatient Hospitals – by Provider, 2023 (all DRGs)', { kind: 'all-conditions', dataset: 'CMS Medicare Inpatient Hospitals – by Provider', year: '2023' }],
    ['CMS Complications and Deaths – Hospital', { kind: 'file', dataset: 'CMS Complications and Deaths – Hospital' }],
    ['test', { kind: 'file', dataset: 'test' }],
  ])('%s', (source, parts) => {
    expect(parseFactSource(source)).toEqual(parts)
  })

  // The importer writes the sources; a new wording there must be split here too, or its English
  // words would show on the Spanish pages.
  it('splits every source the CMS importer writes into a CMS file title and the portal’s words', () => {
    const importer = fs.readFileSync(path.resolve(import.meta.dirname, '../../../../app/services/cms-import.server.ts'), 'utf8')
    const sources = [...importer.matchAll(/'(CMS [^']*)'/g)].map((m) => m[1]!).filter((s) => !s.startsWith('CMS map'))
    expect(sources.length).toBeGreaterThan(5)
    for (const source of sources) {
      const { dataset } = parseFactSource(source)
      expect(dataset, source).not.toMatch(/\(|\bFY\d|release|copy|DRG/)
    }
  })
})
