import { describe, expect, it } from 'vitest'
import { projectSavingsForPeriod, prorate, type PeriodProjection, type ProjectedVersion } from '~/domain/programs/period-projection'

/*
 * The worked example (issue 20, item 6). Yearly net savings are chosen so a day is a round number
 * of cents (annual / 365):
 *
 *   Joint Program v1   2026-01-01 → no end       published 2025-12-01   TKA $36,500/yr ($100/day)  THA $18,250/yr ($50/day)
 *   Joint Program v2   2026-10-01 → no end       published 2026-09-15   TKA $43,800/yr ($120/day)  THA $18,250/yr ($50/day)
 *   Hip and Spine v1   2026-07-01 → 2027-06-30   published 2026-06-01   THA $29,200/yr ($80/day)   spine $7,300/yr ($20/day)
 *   Knee 2027 v1       2027-01-01 → no end       published 2026-11-01   TKA $109,500/yr ($300/day)
 *
 * Two programs cover hip replacement from July 2026 and two cover knee replacement from 2027: on
 * each day each procedure counts once, for the newest published version in force.
 */
const TKA = { code: 'TKA', name: 'Total knee replacement' }
const THA = { code: 'THA', name: 'Total hip replacement' }
const SPINE = { code: 'SPINE_FUSION', name: 'Lumbar spinal fusion' }

const version = (
  versionId: string,
  programName: string,
  n: number,
  effectiveFrom: string,
  effectiveTo: string | null,
  publishedAt: string,
  procedures: Array<[typeof TKA, number]>,
): ProjectedVersion => ({
  versionId, programId: programName, programName, version: n, effectiveFrom, effectiveTo, publishedAt: `${publishedAt}T10:00:00.000Z`,
  procedures: procedures.map(([p, annualNetSavingsCents]) => ({ ...p, annualNetSavingsCents })),
})
const JOINT_1 = version('joint-1', 'Joint Program', 1, '2026-01-01', null, '2025-12-01', [[TKA, 3_650_000], [THA, 1_825_000]])
const JOINT_2 = version('joint-2', 'Joint Program', 2, '2026-10-01', null, '2026-09-15', [[TKA, 4_380_000], [THA, 1_825_000]])
const HIP_SPINE = version('hip-spine-1', 'Hip and Spine', 1, '2026-07-01', '2027-06-30', '2026-06-01', [[THA, 2_920_000], [SPINE, 730_000]])
const KNEE_2027 = version('knee-2027-1', 'Knee 2027', 1, '2027-01-01', null, '2026-11-01', [[TKA, 10_950_000]])
const ALL = [JOINT_1, JOINT_2, HIP_SPINE, KNEE_2027]

/** The lines as [version, procedure, ranges, days, cents] for reading. */
const read = (p: PeriodProjection) => ({
  lines: p.lines.map((l) => [l.versionId, l.procedureCode, l.ranges.map((r) => `${r.from}..${r.to}`).join(' + '), l.days, l.periodCents]),
  leftOut: p.leftOut.map((v) => [v.versionId, v.reason]),
  totalCents: p.totalCents,
  periodDays: p.periodDays,
})

describe('projectSavingsForPeriod: each member × procedure once, each version prorated by the days it wins', () => {
  it.each<[string, { from: string; to: string }, ProjectedVersion[], ReturnType<typeof read>]>([
    [
      // Jan–Jun: Joint v1 has both. Jul–Sep: Hip and Spine (newer) takes hip. Oct–Dec: Joint v2 (newest) takes knee and hip.
      // The 2027 program adds nothing to 2026 (the old dashboard added its whole year: $109,500 more).
      'the 2026 plan year, with the 2027 program published',
      { from: '2026-01-01', to: '2026-12-31' },
      ALL,
      {
        lines: [
          ['joint-1', 'THA', '2026-01-01..2026-06-30', 181, 905_000], // 181 × $50
          ['joint-1', 'TKA', '2026-01-01..2026-09-30', 273, 2_730_000], // 273 × $100
          ['joint-2', 'THA', '2026-10-01..2026-12-31', 92, 460_000], // 92 × $50
          ['joint-2', 'TKA', '2026-10-01..2026-12-31', 92, 1_104_000], // 92 × $120
          ['hip-spine-1', 'SPINE_FUSION', '2026-07-01..2026-12-31', 184, 368_000], // 184 × $20
          ['hip-spine-1', 'THA', '2026-07-01..2026-09-30', 92, 736_000], // 92 × $80
        ],
        leftOut: [['knee-2027-1', 'not-in-force']],
        totalCents: 6_303_000, // $63,030.00
        periodDays: 365,
      },
    ],
    [
      'the 2026 plan year before the 2027 program was published: the same $63,030.00',
      { from: '2026-01-01', to: '2026-12-31' },
      [JOINT_1, JOINT_2, HIP_SPINE],
      {
        lines: [
          ['joint-1', 'THA', '2026-01-01..2026-06-30', 181, 905_000],
          ['joint-1', 'TKA', '2026-01-01..2026-09-30', 273, 2_730_000],
          ['joint-2', 'THA', '2026-10-01..2026-12-31', 92, 460_000],
          ['joint-2', 'TKA', '2026-10-01..2026-12-31', 92, 1_104_000],
          ['hip-spine-1', 'SPINE_FUSION', '2026-07-01..2026-12-31', 184, 368_000],
          ['hip-spine-1', 'THA', '2026-07-01..2026-09-30', 92, 736_000],
        ],
        leftOut: [],
        totalCents: 6_303_000,
        periodDays: 365,
      },
    ],
    [
      // Knee 2027 (published last) takes knee; Joint v2 (published after Hip and Spine) keeps hip; spine ends with Hip and Spine on June 30.
      'the 2027 plan year',
      { from: '2027-01-01', to: '2027-12-31' },
      ALL,
      {
        lines: [
          ['joint-2', 'THA', '2027-01-01..2027-12-31', 365, 1_825_000],
          ['hip-spine-1', 'SPINE_FUSION', '2027-01-01..2027-06-30', 181, 362_000],
          ['knee-2027-1', 'TKA', '2027-01-01..2027-12-31', 365, 10_950_000],
        ],
        leftOut: [['joint-1', 'superseded']],
        totalCents: 13_137_000, // $131,370.00
        periodDays: 365,
      },
    ],
    [
      'the third quarter of 2026',
      { from: '2026-07-01', to: '2026-09-30' },
      ALL,
      {
        lines: [
          ['joint-1', 'TKA', '2026-07-01..2026-09-30', 92, 920_000],
          ['hip-spine-1', 'SPINE_FUSION', '2026-07-01..2026-09-30', 92, 184_000],
          ['hip-spine-1', 'THA', '2026-07-01..2026-09-30', 92, 736_000],
        ],
        leftOut: [['joint-2', 'not-in-force'], ['knee-2027-1', 'not-in-force']],
        totalCents: 1_840_000,
        periodDays: 92,
      },
    ],
    [
      // A one-month knee program published later splits the older program's days in two.
      'a short newer program in the middle of an older one',
      { from: '2026-01-01', to: '2026-12-31' },
      [
        version('old', 'Old', 1, '2026-01-01', null, '2025-12-01', [[TKA, 3_650_000]]),
        version('march', 'March', 1, '2026-03-01', '2026-03-31', '2026-02-01', [[TKA, 7_300_000]]),
      ],
      {
        lines: [
          ['old', 'TKA', '2026-01-01..2026-02-28 + 2026-04-01..2026-12-31', 334, 3_340_000], // (59 + 275) × $100
          ['march', 'TKA', '2026-03-01..2026-03-31', 31, 620_000], // 31 × $200
        ],
        leftOut: [],
        totalCents: 3_960_000,
        periodDays: 365,
      },
    ],
    [
      // $1,234.56 a year for 100 days: 123,456 × 100 / 365 = 33,823.56 cents → $338.24; a loss rounds the same way.
      'rounding to the cent, once per line',
      { from: '2026-01-01', to: '2026-04-10' },
      [
        version('gain', 'Gain', 1, '2026-01-01', null, '2025-12-01', [[TKA, 123_456]]),
        version('loss', 'Loss', 1, '2026-01-01', null, '2025-12-01', [[SPINE, -123_456]]),
      ],
      {
        lines: [
          ['gain', 'TKA', '2026-01-01..2026-04-10', 100, 33_824],
          ['loss', 'SPINE_FUSION', '2026-01-01..2026-04-10', 100, -33_824],
        ],
        leftOut: [],
        totalCents: 0,
        periodDays: 100,
      },
    ],
    [
      'publication ties go to the higher version number',
      { from: '2026-01-01', to: '2026-01-10' },
      [
        version('v1', 'Same day', 1, '2026-01-01', null, '2025-12-01', [[TKA, 365_000]]),
        version('v2', 'Same day', 2, '2026-01-05', null, '2025-12-01', [[TKA, 730_000]]),
      ],
      {
        lines: [
          ['v1', 'TKA', '2026-01-01..2026-01-04', 4, 4_000],
          ['v2', 'TKA', '2026-01-05..2026-01-10', 6, 12_000],
        ],
        leftOut: [],
        totalCents: 16_000,
        periodDays: 10,
      },
    ],
  ])('%s', (_name, period, versions, expected) => {
    expect(read(projectSavingsForPeriod(period, versions))).toEqual(expected)
  })

  it('gives nothing for an empty period or no published version', () => {
    expect(projectSavingsForPeriod({ from: '2026-02-01', to: '2026-01-31' }, ALL)).toMatchObject({ periodDays: 0, lines: [], totalCents: 0 })
    expect(projectSavingsForPeriod({ from: '2026-01-01', to: '2026-12-31' }, [])).toEqual({ periodDays: 365, lines: [], leftOut: [], totalCents: 0 })
  })

  it('a program ending on the last day of the period counts that day', () => {
    const ending = version('ending', 'Ending', 1, '2026-12-31', '2026-12-31', '2026-01-01', [[TKA, 365_000]])
    expect(read(projectSavingsForPeriod({ from: '2026-01-01', to: '2026-12-31' }, [ending])).lines).toEqual([['ending', 'TKA', '2026-12-31..2026-12-31', 1, 1_000]])
  })
})

describe('prorate', () => {
  it.each([
    [3_650_000, 365, 3_650_000],
    [3_650_000, 0, 0],
    [-3_650_000, 0, 0],
    [100, 1, 0], // 0.27 cents
    [200, 1, 1], // 0.55 cents
    [-200, 1, -1],
    [5_206_000, 366, 5_220_263], // a leap year's 366 days: 5,206,000 × 366 / 365 = 5,220,263.01
  ])('%i cents a year for %i days → %i cents', (annual, days, cents) => {
    expect(prorate(annual, days)).toBe(cents)
  })
})
