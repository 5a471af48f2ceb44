import { describe, expect, it } from 'vitest'
import { overlapConfirmation, overlapsOnPublishing, type VersionCoverage } from '~/domain/programs/overlaps'

const TKA = { id: 'p-tka', name: 'Total knee replacement' }
const THA = { id: 'p-tha', name: 'Total hip replacement' }
const SPINE = { id: 'p-spine', name: 'Lumbar spinal fusion' }

const coverage = (versionId: string, programId: string, version: number, effectiveFrom: string, effectiveTo: string | null, procedures: VersionCoverage['procedures']): VersionCoverage => ({
  versionId, programId, programName: programId, version, effectiveFrom, effectiveTo, procedures,
})

/** The draft about to be published: knee and hip from 2026-07-01 to 2027-06-30. */
const DRAFT = coverage('draft', 'Knee and Hip COE', 1, '2026-07-01', '2027-06-30', [TKA, THA])

describe('overlapsOnPublishing', () => {
  it.each<[string, VersionCoverage, Array<[string, string[], string, string | null]>]>([
    ['another program with no end date, both procedures', coverage('joint-1', 'Joint Program', 1, '2026-01-01', null, [THA, TKA, SPINE]), [['joint-1', ['Total hip replacement', 'Total knee replacement'], '2026-07-01', '2027-06-30']]],
    ['another program starting later, one procedure', coverage('hip-27', 'Hip 2027', 1, '2027-01-01', null, [THA]), [['hip-27', ['Total hip replacement'], '2027-01-01', '2027-06-30']]],
    ['another program ending on the draft’s first day (one shared day)', coverage('old', 'Old knee', 1, '2025-01-01', '2026-07-01', [TKA]), [['old', ['Total knee replacement'], '2026-07-01', '2026-07-01']]],
    ['another program ending the day before', coverage('old', 'Old knee', 1, '2025-01-01', '2026-06-30', [TKA]), []],
    ['another program starting the day after the draft ends', coverage('next', 'Next knee', 1, '2027-07-01', null, [TKA]), []],
    ['another program for other procedures only', coverage('spine', 'Spine', 1, '2026-01-01', null, [SPINE]), []],
    ['an earlier version of the same program', coverage('v0', 'Knee and Hip COE', 1, '2026-01-01', null, [TKA, THA]), []],
  ])('%s', (_name, other, expected) => {
    expect(overlapsOnPublishing(DRAFT, [other]).map((o) => [o.versionId, o.procedures.map((p) => p.name), o.from, o.to])).toEqual(expected)
  })

  it('runs on with no end date when neither has one', () => {
    const open = { ...DRAFT, effectiveTo: null }
    expect(overlapsOnPublishing(open, [coverage('joint-1', 'Joint Program', 1, '2026-01-01', null, [TKA])])).toMatchObject([{ from: '2026-07-01', to: null }])
  })

  it('lists several overlaps by first shared day, then program name', () => {
    const found = overlapsOnPublishing(DRAFT, [
      coverage('hip-27', 'Hip 2027', 1, '2027-01-01', null, [THA]),
      coverage('b', 'Beta knee', 1, '2026-01-01', null, [TKA]),
      coverage('a', 'Alpha knee', 1, '2026-01-01', null, [TKA]),
    ])
    expect(found.map((o) => o.versionId)).toEqual(['a', 'b', 'hip-27'])
    expect(overlapConfirmation(found)).toBe('a,b,hip-27')
  })
})
