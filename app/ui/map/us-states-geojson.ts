import type { FeatureCollection, Geometry } from 'geojson'
import { feature } from 'topojson-client'
import type { GeometryCollection, Topology } from 'topojson-specification'
// A static JSON import: esbuild (the classic compiler) bundles it into this module's chunk, which
// care-map.client.tsx imports lazily and only on the offline (maplibre-gl) path.
import statesTopology from 'us-atlas/states-10m.json'

type StatesTopology = Topology<{ states: GeometryCollection<{ name: string }> }>

let cached: FeatureCollection<Geometry, { name: string }> | null = null

/** US state and territory outlines (Census, via us-atlas) as GeoJSON in longitude/latitude. */
export function usStatesGeoJson(): FeatureCollection<Geometry, { name: string }> {
  if (!cached) {
    const topology = statesTopology as unknown as StatesTopology
    cached = feature(topology, topology.objects.states) as FeatureCollection<Geometry, { name: string }>
  }
  return cached
}
