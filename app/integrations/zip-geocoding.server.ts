import zipcodes from 'zipcodes'

/**
 * ZIP → centroid from the maintained `zipcodes` package (no network). Its military ZIPs carry
 * 0,0, which is treated as unknown.
 */
export function zipCentroid(zip: string): { latitude: number; longitude: number } | null {
  const found = zipcodes.lookup(zip.trim().slice(0, 5))
  if (!found || (found.latitude === 0 && found.longitude === 0)) return null
  return { latitude: found.latitude, longitude: found.longitude }
}

/** ZIP → centroid and state, or null when the package does not know the ZIP. */
export function zipPlace(zip: string): { latitude: number; longitude: number; state: string } | null {
  const found = zipcodes.lookup(zip.trim().slice(0, 5))
  if (!found || (found.latitude === 0 && found.longitude === 0)) return null
  return { latitude: found.latitude, longitude: found.longitude, state: found.state }
}
