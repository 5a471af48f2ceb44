import { boundingBox, distanceMiles, type Point } from './distance'

/** Members counted at one place (a home ZIP's centroid). */
export interface MemberPlace extends Point {
  members: number
}

/** Members bucketed into 1°×1° latitude/longitude cells, built once per request (issue 24). */
export interface MemberIndex {
  total: number
  cells: Map<number, MemberPlace[]>
  /** Each non-empty cell's south-west corner, for the nearest-member search beyond the radius. */
  corners: Array<{ key: number; latitude: number; longitude: number }>
}

const cellKey = (latitude: number, longitude: number) => (Math.floor(latitude) + 90) * 400 + (Math.floor(longitude) + 180)

/** Groups member places into 1° cells; places with non-finite coordinates are left out. */
export function buildMemberIndex(places: readonly MemberPlace[]): MemberIndex {
  const cells = new Map<number, MemberPlace[]>()
  let total = 0
  for (const place of places) {
    if (!Number.isFinite(place.latitude) || !Number.isFinite(place.longitude) || place.members <= 0) continue
    total += place.members
    const key = cellKey(place.latitude, place.longitude)
    const cell = cells.get(key)
    if (cell) cell.push(place)
    else cells.set(key, [place])
  }
  const corners = [...cells.keys()].map((key) => ({ key, latitude: Math.floor(key / 400) - 90, longitude: (key % 400) - 180 }))
  return { total, cells, corners }
}

export interface MemberReach {
  /** Members whose home is within `radiusMiles` of the point (exact, to the member). */
  membersWithin: number
  /** That count as a share of all indexed members (0–1; 0 when there are none). */
  shareWithin: number
  /** Miles to the nearest member's home, or null when there are no members. */
  nearestMiles: number | null
}

/**
 * How many of the indexed members live within `radiusMiles` of `point`, and how far the nearest
 * lives. Only the cells under the radius's bounding box are scanned, so ~6,000 candidates against
 * 100,000 members (a few thousand ZIPs) cost a few million distance computations at most; the
 * nearest member beyond the radius is found by scanning cells in order of a lower bound.
 */
export function memberReach(index: MemberIndex, point: Point, radiusMiles = 100): MemberReach {
  if (index.total === 0) return { membersWithin: 0, shareWithin: 0, nearestMiles: null }
  const box = boundingBox(point, radiusMiles)
  let within = 0
  let nearest = Infinity
  for (let lat = Math.floor(box.minLatitude); lat <= Math.floor(box.maxLatitude); lat++) {
    for (let lon = Math.floor(box.minLongitude); lon <= Math.floor(box.maxLongitude); lon++) {
      const cell = index.cells.get(cellKey(lat, lon))
      if (!cell) continue
      for (const place of cell) {
        const miles = distanceMiles(point, place)
        if (miles <= radiusMiles) within += place.members
        if (miles < nearest) nearest = miles
      }
    }
  }
  // Every member within the radius is in the box, so a nearest within the radius is the nearest.
  if (nearest > radiusMiles) nearest = nearestBeyond(index, point)
  return { membersWithin: within, shareWithin: within / index.total, nearestMiles: nearest }
}

/** Slack (miles) on a cell's lower bound: the corner-clamped point is not exactly the cell's nearest point on the sphere. */
const LOWER_BOUND_SLACK_MILES = 10

function nearestBeyond(index: MemberIndex, point: Point): number {
  const bounds = index.corners
    .map((corner) => {
      const clamped = {
        latitude: Math.min(Math.max(point.latitude, corner.latitude), corner.latitude + 1),
        longitude: Math.min(Math.max(point.longitude, corner.longitude), corner.longitude + 1),
      }
      return { key: corner.key, lower: distanceMiles(point, clamped) - LOWER_BOUND_SLACK_MILES }
    })
    .sort((a, b) => a.lower - b.lower)
  let best = Infinity
  for (const { key, lower } of bounds) {
    if (lower > best) break
    for (const place of index.cells.get(key)!) best = Math.min(best, distanceMiles(point, place))
  }
  return best
}
