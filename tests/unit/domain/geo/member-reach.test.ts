import { describe, expect, it } from 'vitest'
import { distanceMiles } from '~/domain/geo/distance'
import { buildMemberIndex, memberReach, type MemberPlace } from '~/domain/geo/member-reach'

const COLUMBUS = { latitude: 39.96, longitude: -83.0 }
const DAYTON = { latitude: 39.76, longitude: -84.19 } // about 65 miles from Columbus
const CLEVELAND = { latitude: 41.5, longitude: -81.69 } // about 125 miles
const MIAMI = { latitude: 25.77, longitude: -80.19 }

/** The same counts by brute force: every place against the point. */
function bruteForce(places: readonly MemberPlace[], point: { latitude: number; longitude: number }, radius: number) {
  let within = 0
  let nearest: number | null = null
  for (const p of places) {
    const miles = distanceMiles(point, p)
    if (miles <= radius) within += p.members
    nearest = nearest === null ? miles : Math.min(nearest, miles)
  }
  return { within, nearest }
}

describe('memberReach', () => {
  it('counts the members within the radius exactly and finds the nearest', () => {
    const index = buildMemberIndex([
      { ...COLUMBUS, members: 10 },
      { ...DAYTON, members: 5 },
      { ...CLEVELAND, members: 7 },
    ])
    expect(memberReach(index, COLUMBUS, 100)).toEqual({ membersWithin: 15, shareWithin: 15 / 22, nearestMiles: 0 })
    const far = memberReach(index, MIAMI, 100)
    expect(far.membersWithin).toBe(0)
    expect(far.nearestMiles).toBeCloseTo(distanceMiles(MIAMI, CLEVELAND) < distanceMiles(MIAMI, COLUMBUS) ? distanceMiles(MIAMI, CLEVELAND) : distanceMiles(MIAMI, COLUMBUS), 6)
  })

  it('has no members and no nearest for an empty roster', () => {
    expect(memberReach(buildMemberIndex([]), COLUMBUS)).toEqual({ membersWithin: 0, shareWithin: 0, nearestMiles: null })
  })

  it('agrees with brute force on a spread of places across cell edges (deterministic grid)', () => {
    const places: MemberPlace[] = []
    for (let lat = 25; lat <= 48; lat += 0.7) for (let lon = -124; lon <= -67; lon += 0.9) places.push({ latitude: lat, longitude: lon, members: 1 + Math.round((lat * 7 + lon * 3) % 5 + 5) })
    const index = buildMemberIndex(places)
    for (const point of [COLUMBUS, DAYTON, MIAMI, { latitude: 47.999, longitude: -67.001 }, { latitude: 60, longitude: -150 }, { latitude: 36.0, longitude: -100.0 }]) {
      const reach = memberReach(index, point, 100)
      const expected = bruteForce(places, point, 100)
      expect(reach.membersWithin).toBe(expected.within)
      expect(reach.nearestMiles).toBeCloseTo(expected.nearest!, 9)
    }
  })
})
