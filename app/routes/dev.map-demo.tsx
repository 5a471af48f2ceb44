// TEMPORARY demo route for the care-map screenshots: delete before committing.
import { useSearchParams } from '@remix-run/react'
import { useCallback, useMemo, useState } from 'react'
import { CareMap, type CareMapPoint } from '~/ui/map/care-map'

const SET_A: CareMapPoint[] = [
  { id: 'f1', latitude: 41.8902, longitude: -87.6219, label: 'Northwestern Memorial Hospital', kind: 'in-network' },
  { id: 'f2', latitude: 41.7886, longitude: -87.6042, label: 'University of Chicago Medical Center', kind: 'in-network' },
  { id: 'f3', latitude: 42.0451, longitude: -87.6877, label: 'Evanston Hospital', kind: 'out-of-network' },
  { id: 'f4', latitude: 43.0389, longitude: -87.9065, label: 'Froedtert Hospital Milwaukee', kind: 'in-network' },
  { id: 'f5', latitude: 41.5868, longitude: -87.3420, label: 'Methodist Hospitals Gary', kind: 'out-of-network' },
]
const SET_B: CareMapPoint[] = [
  { id: 'g1', latitude: 44.0225, longitude: -92.4668, label: 'Mayo Clinic Rochester', kind: 'in-network' },
  { id: 'g2', latitude: 39.7392, longitude: -104.9903, label: 'Denver Health', kind: 'out-of-network' },
  { id: 'f1', latitude: 41.8902, longitude: -87.6219, label: 'Northwestern Memorial Hospital', kind: 'in-network' },
]

export default function MapDemo() {
  const [params] = useSearchParams()
  const token = params.get('token')
  const [selectedId, setSelectedId] = useState<string | null>(null)
  const [useB, setUseB] = useState(false)
  const [clicks, setClicks] = useState(0)
  const points = useMemo(() => (useB ? SET_B : SET_A), [useB])
  const onSelect = useCallback((id: string) => {
    setSelectedId(id)
    setClicks((c) => c + 1)
  }, [])
  return (
    <main id="main" className="page">
      <h1>Map demo ({token ? 'mapbox' : 'maplibre'})</h1>
      <p>
        Selected: <output data-testid="selected">{selectedId ?? 'none'}</output> (clicks: <span data-testid="clicks">{clicks}</span>){' '}
        <button type="button" onClick={() => setUseB((b) => !b)}>
          Switch points
        </button>
      </p>
      <CareMap
        home={{ latitude: 41.8781, longitude: -87.6298, label: 'Home: ZIP 60601' }}
        points={points}
        selectedId={selectedId}
        onSelect={onSelect}
        mapboxToken={token}
      />
      <ul>
        {points.map((p) => (
          <li key={p.id}>
            <button type="button" onClick={() => setSelectedId(p.id)}>
              {p.label}
            </button>
          </li>
        ))}
      </ul>
    </main>
  )
}
