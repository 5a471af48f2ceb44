import { describe, expect, it } from 'vitest'
import { drawStateMap } from '~/integrations/state-map.server'

describe('drawStateMap', () => {
  it.each([
    ['AL', 31.2141, -85.3617], // Dothan, Alabama
    ['CA', 37.7631, -122.4586], // San Francisco
    ['AK', 61.2181, -149.9003], // Anchorage (Albers USA inset)
    ['HI', 21.3069, -157.8583], // Honolulu (inset)
  ])('draws %s with the pin inside the box', (state, latitude, longitude) => {
    const map = drawStateMap(state, latitude, longitude)!
    expect(map).not.toBeNull()
    expect(map.statePath).toMatch(/^M[\d.]+,[\d.]+/)
    expect(map.pin.x).toBeGreaterThanOrEqual(0)
    expect(map.pin.x).toBeLessThanOrEqual(map.width)
    expect(map.pin.y).toBeGreaterThanOrEqual(0)
    expect(map.pin.y).toBeLessThanOrEqual(map.height)
  })
  it('puts a southern city low and a northern one high in the same state', () => {
    const south = drawStateMap('TX', 26.2034, -98.23)! // McAllen
    const north = drawStateMap('TX', 35.222, -101.8313)! // Amarillo
    expect(south.pin.y).toBeGreaterThan(north.pin.y)
  })
  it.each<[string, number | null, number | null, string]>([
    ['PR', 18.4655, -66.1057, 'Puerto Rico is outside the Albers USA projection'],
    ['ZZ', 40, -80, 'unknown state'],
    ['OH', null, null, 'no coordinates'],
  ])('draws nothing for %s at %s, %s', (state, latitude, longitude) => {
    expect(drawStateMap(state, latitude, longitude)).toBeNull()
  })
})
