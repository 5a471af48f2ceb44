/** Mean Earth radius in statute miles (DESIGN §4). */
export const EARTH_RADIUS_MILES = 3958.8

export interface Point {
  latitude: number
  longitude: number
}

const toRadians = (degrees: number) => (degrees * Math.PI) / 180

/** Great-circle distance between two points in statute miles (haversine). */
export function distanceMiles(from: Point, to: Point): number {
  const dLat = toRadians(to.latitude - from.latitude)
  const dLon = toRadians(to.longitude - from.longitude)
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(toRadians(from.latitude)) * Math.cos(toRadians(to.latitude)) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_MILES * Math.asin(Math.min(1, Math.sqrt(a)))
}

/**
 * A latitude/longitude box that contains every point within `miles` of `center`: a cheap index
 * prefilter before the exact haversine. Longitude span widens toward the poles.
 */
export function boundingBox(center: Point, miles: number) {
  const latitudeDelta = (miles / EARTH_RADIUS_MILES) * (180 / Math.PI)
  const cosLatitude = Math.cos(toRadians(Math.min(89.9, Math.abs(center.latitude) + latitudeDelta)))
  const longitudeDelta = Math.min(180, latitudeDelta / Math.max(cosLatitude, 1e-6))
  return {
    minLatitude: center.latitude - latitudeDelta,
    maxLatitude: center.latitude + latitudeDelta,
    minLongitude: center.longitude - longitudeDelta,
    maxLongitude: center.longitude + longitudeDelta,
  }
}
