import { describe, expect, it } from 'vitest'
import { applyNetworkEdit } from '~/domain/programs/network-edit'

const candidates = new Set(['a', 'b', 'c', 'd'])
const isCandidate = (id: string) => candidates.has(id)

describe('applyNetworkEdit', () => {
  it('replaces the network with the full selection when nothing was shown', () => {
    expect(applyNetworkEdit(['a'], { checked: ['b', 'c'] }, isCandidate)).toEqual({ ok: true, offerIds: ['b', 'c'] })
  })

  it('changes only the shown offers and those carried from other pages', () => {
    // a and b are in the network; the page showed b and c; c ticked, b unticked; d added elsewhere.
    const result = applyNetworkEdit(['a', 'b'], { checked: ['c'], shown: ['b', 'c'], add: ['d'], remove: [] }, isCandidate)
    expect(result.ok && [...result.offerIds].sort()).toEqual(['a', 'c', 'd'])
  })

  it('keeps an offer no longer on the marketplace unless it is removed', () => {
    expect(applyNetworkEdit(['old', 'a'], { checked: [], shown: ['a'] }, isCandidate)).toEqual({ ok: true, offerIds: ['old'] })
    expect(applyNetworkEdit(['old', 'a'], { checked: ['a'], shown: ['a'], remove: ['old'] }, isCandidate)).toEqual({ ok: true, offerIds: ['a'] })
  })

  it('saves an empty page without changing anything', () => {
    expect(applyNetworkEdit(['a', 'b'], { checked: [], shown: [] }, isCandidate)).toEqual({ ok: true, offerIds: ['a', 'b'] })
  })

  it.each([
    ['an unknown offer to add', { checked: [], shown: [], add: ['zzz'] }],
    ['an unknown offer to remove', { checked: [], shown: [], remove: ['zzz'] }],
    ['an unknown offer shown', { checked: [], shown: ['zzz'] }],
    ['an unknown offer in the full selection', { checked: ['zzz'] }],
    ['a withdrawn offer in the full selection', { checked: ['old'] }],
    ['a ticked offer that was not shown', { checked: ['a'], shown: ['b'] }],
    ['an offer both added and removed', { checked: [], shown: [], add: ['a'], remove: ['a'] }],
  ])('refuses %s', (_name, edit) => {
    expect(applyNetworkEdit(['old'], edit, isCandidate).ok).toBe(false)
  })
})
