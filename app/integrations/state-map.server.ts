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

function states(): Map<string, StateFeature> {
  if (!statesByName) {
    // Loaded through require: Node's ESM loader needs import attributes for JSON, which the classic compiler does not emit.
    const topology = createRequire(import.meta.url)('us-atlas/states-10m.json') as Topology<{ states: GeometryCollection<{ name: string }> }>
    const collection = feature(topology, topology.objects.states)
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
