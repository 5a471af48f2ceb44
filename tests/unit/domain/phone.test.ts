import { describe, expect, it } from 'vitest'
import { formatUsPhone, parseUsPhone } from '~/domain/phone'

describe('parseUsPhone', () => {
  it.each<[string, string | null]>([
    // The ways people write a US number: all the same E.164.
    ['(614) 555-0123', '+16145550123'],
    ['614-555-0123', '+16145550123'],
    ['614.555.0123', '+16145550123'],
    ['6145550123', '+16145550123'],
    ['  614 555 0123  ', '+16145550123'],
    ['1 614 555 0123', '+16145550123'],
    ['1-614-555-0123', '+16145550123'],
    ['+1 (614) 555-0123', '+16145550123'],
    ['+16145550123', '+16145550123'],
    // Not a US number, or not a whole one.
    ['', null],
    ['   ', null],
    ['555-0123', null], // no area code
    ['614 555 012', null], // 9 digits
    ['614 555 01234', null], // 11 digits, not starting with 1
    ['2 614 555 0123', null], // 11 digits starting with 2
    ['+44 20 7946 0958', null], // another country
    ['+1 20 7946 09', null], // +1 with 9 digits
    ['614-555-0123 ext 5', null], // an extension
    ['614-CALL-NOW', null], // letters
    ['614 555 0123#', null],
    ['61+4 555 0123', null], // a plus inside
    ['(114) 555-0123', null], // area code starting with 1
    ['(014) 555-0123', null], // area code starting with 0
    ['(911) 555-0123', null], // N11 area code
    ['(614) 155-0123', null], // exchange starting with 1
    ['(614) 411-0123', null], // N11 exchange
    ['1'.repeat(31), null], // too long to be a phone number
    ['0x16145550123', null],
  ])('%j → %s', (text, e164) => {
    expect(parseUsPhone(text)).toBe(e164)
  })
})

describe('formatUsPhone', () => {
  it('writes E.164 the American way', () => {
    expect(formatUsPhone('+16145550123')).toBe('(614) 555-0123')
  })
  it('leaves anything else as it is', () => {
    expect(formatUsPhone('+442079460958')).toBe('+442079460958')
  })
})
