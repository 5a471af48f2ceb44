import { describe, expect, it } from 'vitest'
import { isMissing, normalizeCcn, parseCmsDate, parseCmsNumber, parseComparison, parseLocationPoint, parseStarRating, readCmsNumber, readStarRating } from '~/domain/cms/values'

describe('normalizeCcn', () => {
  it.each([
    ['010001', '010001'],
    ['10001', '010001'],
    [' 10001 ', '010001'],
    ['01014F', '01014F'],
    ['01014f', '01014F'],
    ['1', '000001'],
    ['', null],
    ['1234567', null],
    ['1014F', null],
    ['01-001', null],
  ])('%j → %j', (raw, ccn) => expect(normalizeCcn(raw)).toBe(ccn))
})

describe('CMS values', () => {
  it.each(['', 'Not Available', 'N/A', 'Not Avail.', 'Too Few to Report', 'Not Applicable', ' not available '])('%j is missing', (raw) => {
    expect(isMissing(raw)).toBe(true)
    expect(parseCmsNumber(raw)).toBeNull()
    expect(readCmsNumber(raw)).toBeNull()
  })
  // Issue 19: a cell in neither form is told apart from "not available", so the importer can refuse it instead of clearing a value.
  it.each([
    ['0.98', 0.98],
    ['$278,526,569', 278526569],
    ['Not Available', null],
    ['Not Availble', undefined],
    ['3.7%', undefined],
    ['0,9952', undefined],
    ['Suppressed', undefined],
  ])('readCmsNumber(%j) = %j', (raw, value) => expect(readCmsNumber(raw)).toBe(value))
  it.each([
    ['4', 4],
    ['Not Available', null],
    ['4.5', undefined],
    ['6', undefined],
    ['four', undefined],
  ])('readStarRating(%j) = %j', (raw, value) => expect(readStarRating(raw)).toBe(value))
  it.each([
    ['3.2', 3.2],
    ['$22,530', 22530],
    ['"1,234"'.replace(/"/g, ''), 1234],
    ['0.9654', 0.9654],
    ['-1.5', -1.5],
    ['$278,526,569', 278526569],
    ['0,9952', null],
    ['12,34', null],
    ['abc', null],
    ['3.2%', null],
  ])('parseCmsNumber(%j) = %j', (raw, value) => expect(parseCmsNumber(raw)).toBe(value))
  it.each([
    ['Better Than the National Rate', 'better'],
    ['better than the national rate', 'better'],
    ['Worse Than the National Rate', 'worse'],
    ['No Different Than the National Rate', 'no_different'],
    ['Number of Cases Too Small', 'not_available'],
    ['Not Available', 'not_available'],
    ['', 'not_available'],
  ] as const)('parseComparison(%j) = %s', (raw, value) => expect(parseComparison(raw)).toBe(value))
  it.each([
    ['07/01/2020', '2020-07-01'],
    ['12/31/2023', '2023-12-31'],
    ['2023-12-31', null],
    ['', null],
  ])('parseCmsDate(%j) = %j', (raw, value) => expect(parseCmsDate(raw)).toBe(value))
  it.each([
    ['POINT (-85.36 31.21)', { latitude: 31.21, longitude: -85.36 }],
    ['POINT (-122.4194 37.7749)', { latitude: 37.7749, longitude: -122.4194 }],
    ['POINT (0 0)', null],
    ['POINT (31.21)', null],
    ['31.21,-85.36', null],
    ['', null],
  ])('parseLocationPoint(%j)', (raw, value) => expect(parseLocationPoint(raw)).toEqual(value))
  it.each([
    ['4', 4],
    ['5', 5],
    ['0', null],
    ['6', null],
    ['3.5', null],
    ['Not Available', null],
  ])('parseStarRating(%j) = %j', (raw, value) => expect(parseStarRating(raw)).toBe(value))
})
