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

describe('distanceMiles: more worked cases (haversine, R = 3,958.8 mi; 1° of arc = 3,958.8 × π / 180 = 69.0941 mi)', () => {
  // Worked with a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2), d = 2R · asin(√a). Tolerance ±0.01 mi:
  // every reference below is either a closed form (a multiple of 69.0941 mi or of πR) or the
  // haversine worked to 5+ significant figures, which fixes the result to better than 0.01 mi.
  it.each<[string, { latitude: number; longitude: number }, { latitude: number; longitude: number }, number]>([
    // Crossing the antimeridian on the equator: Δλ = −359° is really 1° → 69.0941 mi (not 359 × 69.09)
    ['across the antimeridian on the equator (179.5°E → 179.5°W)', { latitude: 0, longitude: 179.5 }, { latitude: 0, longitude: -179.5 }, 69.0941],
    // At 52°N (Aleutians), 2° of longitude across 180°: a = cos²52° · sin²1° = (0.615661 × 0.0174524)² = 0.0107447²;
    // d = 2 × 3,958.8 × asin(0.0107447) = 7,917.6 × 0.0107449 = 85.074
    ['across the antimeridian at 52°N (179°E → 179°W)', { latitude: 52, longitude: 179 }, { latitude: 52, longitude: -179 }, 85.0745],
    // Suva (Fiji) → Apia (Samoa), also across 180°: a = 0.0081334 → d = 7,917.6 × asin(0.0901853) = 715.02
    ['Suva → Apia (across the antimeridian)', { latitude: -18.1416, longitude: 178.4419 }, { latitude: -13.8333, longitude: -171.7667 }, 715.021],
    // An exact antipode off the equator: (40°N, 80°W) ↔ (40°S, 100°E): a = 1 → d = πR = 12,436.94
    ['exact antipode (40°N 80°W → 40°S 100°E)', { latitude: 40, longitude: -80 }, { latitude: -40, longitude: 100 }, 12436.937],
    // Antipodal-ish: 179° of arc along the equator = 179 × 69.09409 = 12,367.84
    ['antipodal-ish along the equator (179° of arc)', { latitude: 0, longitude: 0 }, { latitude: 0, longitude: 179 }, 12367.843],
    // Antipodal-ish over the North Pole: (90 − 40) + (90 − 39) = 179° of arc → 12,367.84
    ['antipodal-ish over the pole (40°N 80°W → 39°S 100°E)', { latitude: 40, longitude: -80 }, { latitude: -39, longitude: 100 }, 12367.843],
    // Pole to pole: 180° of arc = πR = 3.14159265 × 3,958.8 = 12,436.94
    ['North Pole → South Pole', { latitude: 90, longitude: 0 }, { latitude: -90, longitude: 0 }, 12436.937],
    // Equator to pole: 90° of arc = πR / 2 = 6,218.47
    ['equator → North Pole', { latitude: 0, longitude: 0 }, { latitude: 90, longitude: 0 }, 6218.468],
    // Both at the North Pole, different longitudes: cos 90° = 0 so a = 0 → 0 mi
    ['the pole is one point whatever the longitude', { latitude: 90, longitude: 0 }, { latitude: 90, longitude: 120 }, 0],
    // Southern hemisphere: Sydney → Melbourne, a = 0.0031316 → d = 7,917.6 × asin(0.0559610) = 443.31 (published ≈ 443 mi / 713 km)
    ['Sydney → Melbourne', { latitude: -33.8688, longitude: 151.2093 }, { latitude: -37.8136, longitude: 144.9631 }, 443.308],
    // Chicago → Houston, a = 0.0140852 → d = 7,917.6 × asin(0.118681) = 941.89 (published ≈ 940 mi)
    ['Chicago → Houston', { latitude: 41.8781, longitude: -87.6298 }, { latitude: 29.7604, longitude: -95.3698 }, 941.888],
    // Rochester MN (Mayo) → Minneapolis, a = 0.00009488 → d = 7,917.6 × asin(0.0097406) = 77.12
    ['Rochester, MN → Minneapolis', { latitude: 44.0121, longitude: -92.4802 }, { latitude: 44.9778, longitude: -93.265 }, 77.124],
    // Baltimore (Johns Hopkins) → Boston, a = 0.0020595 → d = 7,917.6 × asin(0.0453815) = 359.44
    ['Baltimore → Boston', { latitude: 39.2904, longitude: -76.6122 }, { latitude: 42.3601, longitude: -71.0589 }, 359.436],
  ])('%s', (_name, from, to, miles) => {
    expect(Math.abs(distanceMiles(from, to) - miles)).toBeLessThanOrEqual(0.01)
  })

  it.each([
    ['Columbus ↔ Cleveland', PLACES.columbus, PLACES.cleveland],
    ['Anchorage ↔ Honolulu', PLACES.anchorage, PLACES.honolulu],
    ['across the antimeridian', { latitude: 52, longitude: 179 }, { latitude: 51, longitude: -178 }],
    ['across the equator', { latitude: 10, longitude: -60 }, { latitude: -12, longitude: -58 }],
  ])('is symmetric: %s', (_name, a, b) => {
    expect(distanceMiles(a, b)).toBeCloseTo(distanceMiles(b, a), 9)
  })
})

describe('boundingBox: worked values', () => {
  // 1° of latitude = 3,958.8 × π / 180 = 69.09409 mi, so a radius of that many miles gives a latitude delta of exactly 1°.
  const ONE_DEGREE_MILES = (3958.8 * Math.PI) / 180
  it.each<[string, { latitude: number; longitude: number }, number, { minLatitude: number; maxLatitude: number; minLongitude: number; maxLongitude: number }]>([
    // latitude ±1°; longitude ±1 / cos(0 + 1°) = 1 / 0.9998477 = ±1.0001523
    ['1° around (0, 0)', { latitude: 0, longitude: 0 }, ONE_DEGREE_MILES, { minLatitude: -1, maxLatitude: 1, minLongitude: -1.0001523, maxLongitude: 1.0001523 }],
    // longitude ±1 / cos(60 + 1°) = 1 / 0.4848096 = ±2.0626653: wider toward the pole
    ['1° around (60°N, 10°E)', { latitude: 60, longitude: 10 }, ONE_DEGREE_MILES, { minLatitude: 59, maxLatitude: 61, minLongitude: 7.9373347, maxLongitude: 12.0626653 }],
    // 2°: longitude ±2 / cos(60 + 2°) = 2 / 0.4694716 = ±4.2601089
    ['2° around (60°N, 10°E)', { latitude: 60, longitude: 10 }, 2 * ONE_DEGREE_MILES, { minLatitude: 58, maxLatitude: 62, minLongitude: 5.7398911, maxLongitude: 14.2601089 }],
    // southern hemisphere uses |latitude|: ±1 / cos(33.8688 + 1°) = 1 / 0.8204633 = ±1.2188235
    ['1° around Sydney (southern hemisphere)', { latitude: -33.8688, longitude: 151.2093 }, ONE_DEGREE_MILES, { minLatitude: -34.8688, maxLatitude: -32.8688, minLongitude: 149.9904765, maxLongitude: 152.4281235 }],
    // near the pole: cos(min(89.9, 90.5)°) = 0.0017453 → 1 / 0.0017453 = 573° → clamped to ±180°
    ['1° around 89.5°N: every longitude', { latitude: 89.5, longitude: 0 }, ONE_DEGREE_MILES, { minLatitude: 88.5, maxLatitude: 90.5, minLongitude: -180, maxLongitude: 180 }],
    // 50 mi around Columbus: Δlat = 50 / 3,958.8 × 57.29578 = 0.7236508°; Δlon = 0.7236508 / cos(40.6907508°) = 0.7236508 / 0.7582396 = 0.9543828°
    ['50 mi around Columbus', PLACES.columbus, 50, { minLatitude: 39.2434492, maxLatitude: 40.6907508, minLongitude: -83.9587828, maxLongitude: -82.0500172 }],
    // radius 0: the box is the point itself
    ['radius 0', PLACES.columbus, 0, { minLatitude: 39.9671, maxLatitude: 39.9671, minLongitude: -83.0044, maxLongitude: -83.0044 }],
  ])('%s', (_name, center, miles, expected) => {
    const box = boundingBox(center, miles)
    expect(box.minLatitude).toBeCloseTo(expected.minLatitude, 6)
    expect(box.maxLatitude).toBeCloseTo(expected.maxLatitude, 6)
    expect(box.minLongitude).toBeCloseTo(expected.minLongitude, 6)
    expect(box.maxLongitude).toBeCloseTo(expected.maxLongitude, 6)
  })
})
