import { createRequire } from 'node:module'
import { geoAlbersUsa, geoPath, type GeoPermissibleObjects } from 'd3-geo'
import type { Feature, Geometry } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
import { US_STATE_NAMES } from '~/domain/us-states'

/**
 * A small server-drawn map of a facility's state (Census outlines from us-atlas, Albers USA
 * projection from d3-geo) with a pin: works without JavaScript and without map tiles. The
 * interactive map (mapbox-gl / maplibre-gl) is the member search's (ADR 0006).
 */
const WIDTH = 320
const HEIGHT = 220

type StateFeature = Feature<Geometry, { name: string }>
let statesByName: Map<string, StateFeature> | undefined
let nationOutlines: string | undefined

function topology() {
  // Loaded through require: Node's ESM loader needs import attributes for JSON, which the classic compiler does not emit.
  return createRequire(import.meta.url)('us-atlas/states-10m.json') as Topology<{ states: GeometryCollection<{ name: string }> }>
}

function states(): Map<string, StateFeature> {
  if (!statesByName) {
    const atlas = topology()
    const collection = feature(atlas, atlas.objects.states)
    statesByName = new Map(collection.features.map((f) => [f.properties.name, f as StateFeature]))
  }
  return statesByName
}

export interface StateMap {
  width: number
  height: number
  statePath: string
  pin: { x: number; y: number }
  stateName: string
}

/** The outline of `state` fitted to the box and the projected point, or null (territory, unknown point). */
export function drawStateMap(state: string, latitude: number | null, longitude: number | null): StateMap | null {
  if (latitude === null || longitude === null) return null
  const stateName = US_STATE_NAMES[state]
  const outline = stateName ? states().get(stateName) : undefined
  if (!stateName || !outline) return null
  const projection = geoAlbersUsa().fitExtent([[10, 10], [WIDTH - 10, HEIGHT - 10]], outline as GeoPermissibleObjects)
  const point = projection([longitude, latitude])
  const statePath = geoPath(projection)(outline as GeoPermissibleObjects)
  if (!point || !statePath) return null
  return { width: WIDTH, height: HEIGHT, statePath, pin: { x: Math.round(point[0] * 10) / 10, y: Math.round(point[1] * 10) / 10 }, stateName }
}

export interface UsMapPoint {
  id: string
  latitude: number
  longitude: number
}

export interface UsMap {
  width: number
  height: number
  /** Every state outline as one SVG path. */
  statesPath: string
  /** Projected points; points outside the Albers USA frame (territories) are left out. */
  points: Array<{ id: string; x: number; y: number }>
}

const US_WIDTH = 640
const US_HEIGHT = 400

/** The United States (Albers USA, states from us-atlas) with projected points: drawn on the server, no tiles. */
export function drawUsMap(points: readonly UsMapPoint[]): UsMap {
  const projection = geoAlbersUsa().scale(820).translate([US_WIDTH / 2, US_HEIGHT / 2])
  if (nationOutlines === undefined) {
    const atlas = topology()
    nationOutlines = geoPath(projection)(feature(atlas, atlas.objects.states) as GeoPermissibleObjects) ?? ''
  }
  const projected: UsMap['points'] = []
  for (const point of points) {
    const xy = projection([point.longitude, point.latitude])
    if (xy) projected.push({ id: point.id, x: Math.round(xy[0] * 10) / 10, y: Math.round(xy[1] * 10) / 10 })
  }
  return { width: US_WIDTH, height: US_HEIGHT, statesPath: nationOutlines, points: projected }
}
