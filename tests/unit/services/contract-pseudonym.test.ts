import { createHash } from 'node:crypto'
import { describe, expect, it } from 'vitest'
import { memberPseudonym } from '~/services/contract-extracts.server'

/* Member pseudonyms in extracts (ADR 0016 §10): HMAC-SHA-256 with the contract's secret over the roster member id. */

const CONTRACT_A = 'a1'.repeat(32) // 32 bytes, hex, as contracts.pseudonym_secret holds them
const CONTRACT_B = 'b2'.repeat(32)

describe('memberPseudonym', () => {
  it('is HMAC-SHA-256 keyed with the secret’s bytes, in hex (RFC 4231, test case 1)', () => {
    expect(memberPseudonym('0b'.repeat(20), 'Hi There')).toBe('b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7')
  })

  it('is stable within a contract: the same member gets the same pseudonym in every extract', () => {
    expect(memberPseudonym(CONTRACT_A, 'member-1')).toBe(memberPseudonym(CONTRACT_A, 'member-1'))
    expect(memberPseudonym(CONTRACT_A, 'member-1')).toMatch(/^[0-9a-f]{64}$/)
    expect(memberPseudonym(CONTRACT_A, 'member-1')).not.toBe(memberPseudonym(CONTRACT_A, 'member-2'))
  })

  it('does not link a member across contracts, and is not a plain hash of the member id', () => {
    expect(memberPseudonym(CONTRACT_A, 'member-1')).not.toBe(memberPseudonym(CONTRACT_B, 'member-1'))
    expect(memberPseudonym(CONTRACT_A, 'member-1')).not.toBe(createHash('sha256').update('member-1').digest('hex'))
  })
})
