/** Props of the find-care map, shared by the lazy wrapper (care-map.tsx) and the browser module. */
export interface CareMapPoint {
  id: string
  latitude: number
  longitude: number
  label: string
  kind: 'in-network' | 'out-of-network'
  /** What the pin's popup sums up; without it a pin only selects its result. */
  detail?: CareMapPointDetail
}

export interface CareMapPointDetail {
  /** What the member pays there (in-network) or would pay about (outside the program), in cents; null when unknown. */
  memberPaysCents: number | null
  starRating: number | null
  distanceMiles: number
  /** The center's page, or null (a hospital outside the program has none). */
  href: string | null
}

export interface CareMapHome {
  latitude: number
  longitude: number
  label: string
  /** The home's state (USPS code, e.g. "OH"): shown whole when the results reach beyond it. */
  state?: string | null
}

export interface CareMapProps {
  /** The member's search origin (drawn as a distinct, non-interactive pin), or null. */
  home: CareMapHome | null
  points: ReadonlyArray<CareMapPoint>
  selectedId: string | null
  onSelect: (id: string) => void
  /** The public Mapbox token: mapbox-gl with Mapbox's streets style when set, maplibre-gl offline otherwise. */
  mapboxToken: string | null
  className?: string
  /** When given (and some are plotted), the view fits only these points (the network picker's page), not all of them. */
  fitIds?: readonly string[] | null
}

/** The words the browser module writes on the map, in the page's language (made by care-map.tsx). */
export interface CareMapText {
  /** A cluster button's name: how many hospitals it holds and that pressing it zooms in. */
  cluster(count: number, inNetwork: number): string
  /** A popup's lines, for a point that has a detail. */
  popup(point: CareMapPoint & { detail: CareMapPointDetail }): { pays: string; stars: string; distance: string; link: string }
  closePopup: string
  /** The caption of a view zoomed in close: the nearest named city ("Near Columbus, OH"). */
  near(city: string, state: string): string
}

/** What the browser module is given: the wrapper's props, the words, and how to follow a link. */
export interface CareMapInput extends CareMapProps {
  text: CareMapText
  navigate(href: string): void
}

/** What the browser module hands back to the wrapper. */
export interface CareMapHandle {
  update(input: CareMapInput): void
  destroy(): void
}

export type LngLatPair = [longitude: number, latitude: number]

/**
 * The [south-west, north-east] corners around the home and the points, or null when there is
 * nothing to show. Points at (0, 0) or outside valid ranges are ignored (bad geocodes).
 */
export function boundsOf(home: CareMapHome | null, points: ReadonlyArray<CareMapPoint>): [LngLatPair, LngLatPair] | null {
  const all = [...(home ? [home] : []), ...points].filter(isPlottable)
  if (all.length === 0) return null
  let west = Infinity
  let south = Infinity
  let east = -Infinity
  let north = -Infinity
  for (const p of all) {
    west = Math.min(west, p.longitude)
    east = Math.max(east, p.longitude)
    south = Math.min(south, p.latitude)
    north = Math.max(north, p.latitude)
  }
  return [
    [west, south],
    [east, north],
  ]
}

/**
 * What the map's first view fits: the home and every point and, when a point lies outside the
 * home's state, that whole state too (so the member's own state is never cut off at the edge).
 * `homeStateBox` is the state's [south-west, north-east] box; one crossing the 180th meridian
 * (Alaska) is ignored.
 */
export function fitBoundsOf(
  home: CareMapHome | null,
  points: ReadonlyArray<CareMapPoint>,
  homeStateBox: [LngLatPair, LngLatPair] | null,
): [LngLatPair, LngLatPair] | null {
  const bounds = boundsOf(home, points)
  if (!bounds || !homeStateBox) return bounds
  const [[west, south], [east, north]] = homeStateBox
  if (west > east) return bounds
  const beyond = points.filter(isPlottable).some((p) => p.longitude < west || p.longitude > east || p.latitude < south || p.latitude > north)
  if (!beyond) return bounds
  return [
    [Math.min(bounds[0][0], west), Math.min(bounds[0][1], south)],
    [Math.max(bounds[1][0], east), Math.max(bounds[1][1], north)],
  ]
}

/** Points closer than this (degrees, about 10 m) are at the same place: hospitals geocoded to one ZIP code's centre. */
const SAME_PLACE_DEGREES = 0.0001
/** How far apart such points are drawn: about 280 m from their shared place, more for many. */
const SPREAD_DEGREES = 0.0025

/**
 * Hospitals are placed at their ZIP code's centre, so several can share one point; a cluster of
 * them could never be zoomed apart, and their pins would hide each other. This draws points that
 * share a place on a small circle around it (in list order, clockwise from north), well within the
 * ZIP code's own imprecision. Other points are returned as they are.
 */
export function spreadCoincident<P extends { latitude: number; longitude: number }>(points: ReadonlyArray<P>): P[] {
  const groups = new Map<string, number[]>()
  points.forEach((p, i) => {
    if (!isPlottable(p)) return
    const key = `${Math.round(p.latitude / SAME_PLACE_DEGREES)},${Math.round(p.longitude / SAME_PLACE_DEGREES)}`
    groups.set(key, [...(groups.get(key) ?? []), i])
  })
  const spread = [...points]
  for (const members of groups.values()) {
    if (members.length < 2) continue
    const radius = SPREAD_DEGREES * Math.max(1, members.length / 6)
    members.forEach((index, k) => {
      const p = points[index]!
      const angle = (2 * Math.PI * k) / members.length
      const latitude = p.latitude + radius * Math.cos(angle)
      const longitude = p.longitude + (radius * Math.sin(angle)) / Math.cos((p.latitude * Math.PI) / 180)
      spread[index] = { ...p, latitude, longitude }
    })
  }
  return spread
}

export function isPlottable(p: { latitude: number; longitude: number }): boolean {
  return (
    Number.isFinite(p.latitude) &&
    Number.isFinite(p.longitude) &&
    Math.abs(p.latitude) <= 90 &&
    Math.abs(p.longitude) <= 180 &&
    !(p.latitude === 0 && p.longitude === 0)
  )
}
