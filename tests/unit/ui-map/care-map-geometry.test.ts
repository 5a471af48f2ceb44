import { describe, expect, it } from 'vitest'
import { boundsOf, isPlottable, type CareMapPoint } from '~/ui/map/care-map-types'
import { usStatesGeoJson } from '~/ui/map/us-states-geojson'

const point = (id: string, latitude: number, longitude: number): CareMapPoint => ({ id, latitude, longitude, label: id, kind: 'in-network' })

describe('boundsOf (what the find-care map fits to)', () => {
  it('spans the home and every point as [south-west, north-east]', () => {
    const home = { latitude: 41.8781, longitude: -87.6298, label: 'Home' }
    expect(boundsOf(home, [point('mke', 43.0389, -87.9065), point('gary', 41.5868, -87.342)])).toEqual([
      [-87.9065, 41.5868],
      [-87.342, 43.0389],
    ])
  })

  it('is a single corner pair for one point and null for nothing', () => {
    expect(boundsOf(null, [point('a', 40, -100)])).toEqual([
      [-100, 40],
      [-100, 40],
    ])
    expect(boundsOf(null, [])).toBeNull()
  })

  it('ignores unplottable coordinates (0,0 geocodes, NaN, out of range)', () => {
    expect(isPlottable({ latitude: 0, longitude: 0 })).toBe(false)
    expect(isPlottable({ latitude: Number.NaN, longitude: -87 })).toBe(false)
    expect(isPlottable({ latitude: 91, longitude: -87 })).toBe(false)
    expect(boundsOf(null, [point('bad', 0, 0), point('ok', 40, -100)])).toEqual([
      [-100, 40],
      [-100, 40],
    ])
  })
})

describe('usStatesGeoJson (the offline base layer)', () => {
  it('has the states, DC and territories in longitude/latitude', () => {
    const states = usStatesGeoJson()
    expect(states.type).toBe('FeatureCollection')
    const names = states.features.map((f) => f.properties.name)
    expect(names).toEqual(expect.arrayContaining(['Illinois', 'Hawaii', 'District of Columbia', 'Puerto Rico']))
    expect(names.length).toBeGreaterThanOrEqual(51)
    const illinois = states.features.find((f) => f.properties.name === 'Illinois')
    const [lon, lat] = JSON.stringify(illinois?.geometry).match(/-?\d+\.\d+/g)!.map(Number) as [number, number]
    expect(lon).toBeGreaterThan(-92)
    expect(lon).toBeLessThan(-87)
    expect(lat).toBeGreaterThan(36)
    expect(lat).toBeLessThan(43)
  })
})
