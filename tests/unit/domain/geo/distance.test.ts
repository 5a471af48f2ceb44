import { describe, expect, it } from 'vitest'
import { boundingBox, distanceMiles } from '~/domain/geo/distance'

// Reference distances: haversine with R = 3,958.8 mi, computed independently in Python to 0.01 mi.
const PLACES = {
  columbus: { latitude: 39.9671, longitude: -83.0044 }, // ZIP 43215
  cleveland: { latitude: 41.5025, longitude: -81.6803 }, // Cleveland Clinic area, 44195
  newYork: { latitude: 40.7128, longitude: -74.006 },
  losAngeles: { latitude: 34.0522, longitude: -118.2437 },
  london: { latitude: 51.5074, longitude: -0.1278 },
  dothan: { latitude: 31.2141, longitude: -85.3617 },
  anchorage: { latitude: 61.2181, longitude: -149.9003 },
  honolulu: { latitude: 21.3069, longitude: -157.8583 },
}

describe('distanceMiles', () => {
  it.each([
    ['the same point', PLACES.columbus, PLACES.columbus, 0, 0],
    ['Columbus → Cleveland', PLACES.columbus, PLACES.cleveland, 126.72, 0.01],
    ['New York → Los Angeles', PLACES.newYork, PLACES.losAngeles, 2445.59, 0.01],
    ['New York → London', PLACES.newYork, PLACES.london, 3461.21, 0.01],
    ['Columbus → Dothan', PLACES.columbus, PLACES.dothan, 619.04, 0.01],
    ['Anchorage → Honolulu', PLACES.anchorage, PLACES.honolulu, 2784.18, 0.01],
    ['one degree of latitude', { latitude: 40, longitude: -80 }, { latitude: 41, longitude: -80 }, 69.09, 0.01],
    ['one degree of longitude at the equator', { latitude: 0, longitude: 0 }, { latitude: 0, longitude: 1 }, 69.09, 0.01],
    ['antipodes (half the circumference)', { latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 }, Math.PI * 3958.8, 0.01],
  ])('%s ≈ %f mi', (_name, from, to, miles, tolerance) => {
    expect(Math.abs(distanceMiles(from, to) - miles)).toBeLessThanOrEqual(tolerance)
  })
  it('is symmetric', () => {
    expect(distanceMiles(PLACES.dothan, PLACES.newYork)).toBeCloseTo(distanceMiles(PLACES.newYork, PLACES.dothan), 9)
  })
})

describe('boundingBox', () => {
  it.each([
    [PLACES.columbus, 50],
    [PLACES.columbus, 250],
    [PLACES.anchorage, 100],
    [PLACES.honolulu, 10],
  ])('contains every point at the radius around %j (%i mi)', (center, miles) => {
    const box = boundingBox(center, miles)
    for (let bearing = 0; bearing < 360; bearing += 15) {
      // A point `miles` away along `bearing` (spherical destination formula).
      const d = (miles * 0.9999) / 3958.8
      const lat1 = (center.latitude * Math.PI) / 180
      const lon1 = (center.longitude * Math.PI) / 180
      const b = (bearing * Math.PI) / 180
      const lat2 = Math.asin(Math.sin(lat1) * Math.cos(d) + Math.cos(lat1) * Math.sin(d) * Math.cos(b))
      const lon2 = lon1 + Math.atan2(Math.sin(b) * Math.sin(d) * Math.cos(lat1), Math.cos(d) - Math.sin(lat1) * Math.sin(lat2))
      const point = { latitude: (lat2 * 180) / Math.PI, longitude: (lon2 * 180) / Math.PI }
      expect(distanceMiles(center, point)).toBeLessThanOrEqual(miles)
      expect(point.latitude).toBeGreaterThanOrEqual(box.minLatitude)
      expect(point.latitude).toBeLessThanOrEqual(box.maxLatitude)
      expect(point.longitude).toBeGreaterThanOrEqual(box.minLongitude)
      expect(point.longitude).toBeLessThanOrEqual(box.maxLongitude)
    }
  })
})
