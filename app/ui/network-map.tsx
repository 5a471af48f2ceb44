import { countOf } from './format'

export interface NetworkMapData {
  width: number
  height: number
  statesPath: string
  centers: ReadonlyArray<{ id: string; x: number; y: number; name: string; city: string; state: string; isChosen: boolean }>
  members: ReadonlyArray<{ id: string; x: number; y: number; members: number }>
}

/**
 * The network picker's map, drawn on the server (works without JavaScript): where the employer's
 * members live (circles sized by headcount) and the candidate centers (chosen ones filled). Each
 * center pin links to its row in the list, which stays the accessible source of truth.
 */
export function NetworkMap({ map, caption }: { map: NetworkMapData; caption?: string }) {
  const largest = Math.max(1, ...map.members.map((m) => m.members))
  return (
    <figure className="network-map">
      <svg viewBox={`0 0 ${map.width} ${map.height}`} width="100%" role="group" aria-label="Map of your members and the candidate centers">
        <path d={map.statesPath} className="network-map__states" />
        {map.members.map((m) => (
          <circle key={m.id} cx={m.x} cy={m.y} r={2 + 5 * Math.sqrt(m.members / largest)} className="network-map__members">
            <title>{countOf(m.members, 'member')}</title>
          </circle>
        ))}
        {map.centers.map((c) => (
          <a key={c.id} href={`#center-${c.id}`} aria-label={`${c.name}, ${c.city}, ${c.state}${c.isChosen ? ' (in the network)' : ''}`}>
            <path d={`M${c.x},${c.y} l-5,-10 a5.5,5.5 0 1,1 10,0 z`} className={c.isChosen ? 'network-map__center network-map__center--chosen' : 'network-map__center'} />
          </a>
        ))}
      </svg>
      <figcaption className="small muted">
        {caption ??
          'Blue circles: where your members live (bigger = more members). Pins: centers with an offer; filled pins are in the network. Select a pin to jump to its offers.'}
      </figcaption>
    </figure>
  )
}
