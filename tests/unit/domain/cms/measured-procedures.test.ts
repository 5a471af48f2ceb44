import { describe, expect, it } from 'vitest'
import { hasHipKneeMeasures, measuresProcedure } from '~/domain/cms/measured-procedures'

describe('which procedures a CMS measure is about', () => {
  it.each([
    ['COMP_HIP_KNEE', 'TKA', true],
    ['COMP_HIP_KNEE', 'THA', true],
    ['COMP_HIP_KNEE', 'SPINE_FUSION', false],
    ['READM_30_HIP_KNEE', 'SPINE_FUSION', false],
    ['READM_30_HIP_KNEE_HRRP', 'SPINE_FUSION', false],
    ['PAYM_90_HIP_KNEE', 'SPINE_FUSION', false],
    ['MSPB_1', 'SPINE_FUSION', true], // hospital-wide
  ])('%s measures %s: %s', (measure, procedure, expected) => {
    expect(measuresProcedure(measure, procedure)).toBe(expected)
  })

  it('hip and knee replacement only have the hip/knee measures', () => {
    expect(['TKA', 'THA', 'SPINE_FUSION', 'BARIATRIC'].map(hasHipKneeMeasures)).toEqual([true, true, false, false])
  })
})
