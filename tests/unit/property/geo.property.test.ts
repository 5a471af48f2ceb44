import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { boundingBox, distanceMiles, EARTH_RADIUS_MILES, type Point } from '~/domain/geo/distance'
import { RUNS, usPoint, worldPoint } from './arbitraries'

// DESIGN §4 "Distance": haversine on a 3,958.8 mi sphere; the bounding box is the index prefilter
// in front of it (find-care), so it must never leave out a point within the radius.

const point = fc.oneof(usPoint, worldPoint)
const HALF_CIRCUMFERENCE = Math.PI * EARTH_RADIUS_MILES
const radians = (degrees: number) => (degrees * Math.PI) / 180
const degrees = (r: number) => (r * 180) / Math.PI

/** The point `miles` from `from` on the initial bearing `bearingDegrees` (great-circle destination formula). */
function destination(from: Point, bearingDegrees: number, distance: number): Point {
  const angle = distance / EARTH_RADIUS_MILES
  const bearing = radians(bearingDegrees)
  const lat1 = radians(from.latitude)
  const lon1 = radians(from.longitude)
  const lat2 = Math.asin(Math.sin(lat1) * Math.cos(angle) + Math.cos(lat1) * Math.sin(angle) * Math.cos(bearing))
  const lon2 = lon1 + Math.atan2(Math.sin(bearing) * Math.sin(angle) * Math.cos(lat1), Math.cos(angle) - Math.sin(lat1) * Math.sin(lat2))
  // Normalise to −180..180 as stored coordinates are.
  return { latitude: degrees(lat2), longitude: ((((degrees(lon2) + 180) % 360) + 360) % 360) - 180 }
}

/**
 * Inside the box. Longitudes are compared as stored (−180..180); a box that crosses the
 * antimeridian is tested with the point shifted by ±360°, the one way the box could still hold it.
 */
function inBox(box: ReturnType<typeof boundingBox>, p: Point, slack = 1e-9) {
  const latitudeInside = p.latitude >= box.minLatitude - slack && p.latitude <= box.maxLatitude + slack
  const longitudeInside = [p.longitude - 360, p.longitude, p.longitude + 360].some((lon) => lon >= box.minLongitude - slack && lon <= box.maxLongitude + slack)
  return latitudeInside && longitudeInside
}

describe('distanceMiles: properties', () => {
  it('is non-negative, finite and at most half the circumference', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        const d = distanceMiles(a, b)
        expect(Number.isFinite(d)).toBe(true)
        expect(d).toBeGreaterThanOrEqual(0)
        expect(d).toBeLessThanOrEqual(HALF_CIRCUMFERENCE + 1e-6)
      }),
      RUNS,
    )
  })

  it('is symmetric', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        expect(Math.abs(distanceMiles(a, b) - distanceMiles(b, a))).toBeLessThanOrEqual(1e-9)
      }),
      RUNS,
    )
  })

  it('is zero from a point to itself, and only then (for points a few feet apart or more)', () => {
    fc.assert(
      fc.property(point, point, (a, b) => {
        expect(distanceMiles(a, { ...a })).toBe(0)
        const longitudeGap = Math.abs(a.longitude - b.longitude)
        const apart = Math.abs(a.latitude - b.latitude) > 1e-4 || Math.min(longitudeGap, 360 - longitudeGap) > 1e-4
        if (apart) expect(distanceMiles(a, b)).toBeGreaterThan(0)
      }),
      RUNS,
    )
  })

  it('satisfies the triangle inequality', () => {
    fc.assert(
      fc.property(point, point, point, (a, b, c) => {
        expect(distanceMiles(a, c)).toBeLessThanOrEqual(distanceMiles(a, b) + distanceMiles(b, c) + 1e-3) // haversine loses ~1e-4 mi near antipodes
      }),
      RUNS,
    )
  })

  it('one degree of latitude along a meridian is 69.09 mi (2πR / 360)', () => {
    fc.assert(
      fc.property(fc.double({ min: -84, max: 84, noNaN: true }), fc.double({ min: -180, max: 180, noNaN: true }), (latitude, longitude) => {
        const d = distanceMiles({ latitude, longitude }, { latitude: latitude + 1, longitude })
        expect(d).toBeCloseTo((2 * Math.PI * EARTH_RADIUS_MILES) / 360, 6)
      }),
      RUNS,
    )
  })

  it('agrees with the destination formula: a point set off d miles is d miles away', () => {
    fc.assert(
      fc.property(point, fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0, max: 5_000, noNaN: true }), (from, bearing, d) => {
        expect(distanceMiles(from, destination(from, bearing, d))).toBeCloseTo(d, 3)
      }),
      RUNS,
    )
  })
})

describe('boundingBox: properties', () => {
  const radius = fc.oneof(fc.integer({ min: 0, max: 500 }), fc.double({ min: 0, max: 2_000, noNaN: true }))

  it('contains its center, and its latitude span is exactly ± radius / R', () => {
    fc.assert(
      fc.property(point, radius, (center, r) => {
        const box = boundingBox(center, r)
        expect(inBox(box, center, 0)).toBe(true)
        expect(box.maxLatitude - center.latitude).toBeCloseTo(degrees(r / EARTH_RADIUS_MILES), 9)
        expect(center.latitude - box.minLatitude).toBeCloseTo(degrees(r / EARTH_RADIUS_MILES), 9)
        expect(box.minLongitude).toBeLessThanOrEqual(center.longitude)
        expect(box.maxLongitude).toBeGreaterThanOrEqual(center.longitude)
      }),
      RUNS,
    )
  })

  it('contains every point within the radius (points set off in any direction)', () => {
    fc.assert(
      fc.property(point, radius, fc.double({ min: 0, max: 360, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (center, r, bearing, fraction) => {
        const p = destination(center, bearing, fraction * r)
        fc.pre(distanceMiles(center, p) <= r)
        expect(inBox(boundingBox(center, r), p)).toBe(true)
      }),
      RUNS,
    )
  })

  it('contains the whole edge of the circle: points at the radius, every half degree of bearing (where the box is widest)', () => {
    fc.assert(
      fc.property(point, radius, (center, r) => {
        const box = boundingBox(center, r)
        for (let bearing = 0; bearing < 360; bearing += 0.5) {
          const p = destination(center, bearing, r * (1 - 1e-9))
          if (distanceMiles(center, p) <= r) expect(inBox(box, p)).toBe(true)
        }
      }),
      { numRuns: 200 },
    )
  })

  it('contains every point within the radius (arbitrary nearby points)', () => {
    fc.assert(
      fc.property(usPoint, fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -6, max: 6, noNaN: true }), radius, (center, dLat, dLon, r) => {
        const p = { latitude: center.latitude + dLat, longitude: center.longitude + dLon }
        if (distanceMiles(center, p) <= r) expect(inBox(boundingBox(center, r), p)).toBe(true)
      }),
      RUNS,
    )
  })

  it('a larger radius gives a box that contains the smaller one', () => {
    fc.assert(
      fc.property(point, radius, radius, (center, a, b) => {
        const small = boundingBox(center, Math.min(a, b))
        const large = boundingBox(center, Math.max(a, b))
        expect(large.minLatitude).toBeLessThanOrEqual(small.minLatitude)
        expect(large.maxLatitude).toBeGreaterThanOrEqual(small.maxLatitude)
        expect(large.minLongitude).toBeLessThanOrEqual(small.minLongitude)
        expect(large.maxLongitude).toBeGreaterThanOrEqual(small.maxLongitude)
      }),
      RUNS,
    )
  })
})
