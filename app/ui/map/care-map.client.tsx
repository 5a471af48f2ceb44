// The find-care map, created imperatively in the browser (ADRs 0006 and 0015). Only care-map.tsx
// imports this module, lazily, so the map libraries live in their own chunks and never reach the
// server bundle (the classic compiler replaces `.client` modules with empty ones there).
//
// With a Mapbox token: mapbox-gl and Mapbox's streets style. Without one: maplibre-gl with an
// offline style (us-base-style.ts: states, state names and cities, no remote sources).
//
// The results are a clustered GeoJSON source (the libraries' built-in clustering); what it holds
// for the view is drawn as HTML markers, so every pin and cluster is a keyboard-focusable
// <button>: a cluster shows its count and zooms in to itself when pressed; a pin selects its
// result and opens a popup (name, what the member pays, stars, distance, link). Until a style
// has loaded (or when mapbox-gl never loads one: a bad token, offline) every point is a plain pin.
import type { FeatureCollection, Geometry, Point } from 'geojson'
import {
  fitBoundsOf,
  isPlottable,
  spreadCoincident,
  type CareMapHandle,
  type CareMapHome,
  type CareMapInput,
  type CareMapPoint,
  type CareMapPointDetail,
  type LngLatPair,
} from './care-map-types'

/** Served from public/ by scripts/copy-map-assets.mjs (the classic compiler cannot bundle the worker). */
const MAPLIBRE_WORKER_URL = '/maplibre-gl-worker.mjs'
const MAPLIBRE_CSS_URL = '/maplibre-gl.css'
const MAPBOX_CSS_URL = '/mapbox-gl.css'
const MAPBOX_STYLE = 'mapbox://styles/mapbox/streets-v12'
/** The contiguous United States, shown when there is nothing to plot. */
const US_BOUNDS: [LngLatPair, LngLatPair] = [
  [-125, 24],
  [-66.5, 49.5],
]
/** The first view never zooms in closer than a city's streets, even for one result next door. */
const FIT_MAX_ZOOM = 11
/** Room around the fitted points, in px, for the pins themselves and the zoom buttons (less on a tiny box). */
const FIT_PADDING = 48
const RESULTS_SOURCE = 'care-results'
/** Pins closer than this (px) become one cluster; past CLUSTER_MAX_ZOOM every pin stands alone. */
const CLUSTER_RADIUS = 40
const CLUSTER_MAX_ZOOM = 14
/** From this zoom the view may hold no named city: a caption says which one it is near. */
const CAPTION_MIN_ZOOM = 8

interface ResultProperties {
  id: string
  inNetwork: 0 | 1
}

/** What the map draws at one place: a cluster of nearby points, or one point. */
type Group = { kind: 'cluster'; clusterId: number; count: number; inNetwork: number; at: LngLatPair } | { kind: 'point'; id: string; at: LngLatPair }

/** The part of the two libraries' (identical) Map API this module uses. */
interface MapLike {
  on(type: string, listener: (event: { originalEvent?: unknown; sourceId?: string; isSourceLoaded?: boolean; error?: { message?: string } }) => void): unknown
  fitBounds(bounds: [LngLatPair, LngLatPair], options: { padding: number; maxZoom: number; animate: boolean }): unknown
  easeTo(options: { center: LngLatPair; zoom: number }): unknown
  getBounds(): { getWest(): number; getSouth(): number; getEast(): number; getNorth(): number; contains(at: LngLatPair): boolean } | null
  getZoom(): number
  getContainer(): HTMLElement
  isMoving(): boolean
  isStyleLoaded(): boolean | void
  isSourceLoaded(id: string): boolean
  getSource(id: string): unknown
  addSource(id: string, source: object): unknown
  addLayer(layer: object): unknown
  querySourceFeatures(id: string): Array<{ properties: Record<string, unknown> | null; geometry: Geometry }>
  remove(): void
}

/** What differs between maplibre-gl and mapbox-gl, behind one shape. */
interface Engine {
  map: MapLike
  /** Gives the clustered source new points (kept for later when the style has not loaded yet). */
  setData(data: FeatureCollection<Point, ResultProperties>): void
  addMarker(element: HTMLElement, at: LngLatPair): PlacedMarker
  openPopup(at: LngLatPair, content: HTMLElement, onClose: () => void): { remove(): void }
  clusterExpansionZoom(clusterId: number): Promise<number>
  clusterLeafIds(clusterId: number, count: number): Promise<string[]>
  /**
   * True when the clustered source will never load (mapbox-gl without a usable style: a bad token,
   * offline); the points are then drawn as plain pins. While false and the source is loading, the
   * map waits rather than flash pins that become clusters a moment later.
   */
  clusteringUnavailable(): boolean
  /** The nearest named city to where the view is, for the offline map's caption (Mapbox's map names its own). */
  nearestCity(at: LngLatPair): { name: string; state: string } | null
  /** The place names the base map shows now (the offline style's labels; Mapbox's are not listed). */
  renderedLabels(): { cities: string[]; states: string[] }
}

interface PlacedMarker {
  setLngLat(at: LngLatPair): void
  remove(): void
}

interface DrawnGroup {
  group: Group
  element: HTMLButtonElement
  marker: PlacedMarker
}

export async function mountCareMap(container: HTMLElement, initial: CareMapInput): Promise<CareMapHandle> {
  const data = resultsData(spreadCoincident(initial.points))
  const [engine, { usStateBox }] = await Promise.all([
    initial.mapboxToken ? createMapboxEngine(container, initial.mapboxToken, data) : createMaplibreEngine(container, data),
    import('./us-places'),
  ])
  // The engine made the clustered source with these points.
  return new CareMapController(engine, container, initial, usStateBox)
}

class CareMapController implements CareMapHandle {
  private input: CareMapInput
  /** The input's points where they are drawn (points sharing a place spread apart). */
  private points: CareMapPoint[]
  private readonly drawn = new Map<string, DrawnGroup>()
  private home: { element: HTMLElement; marker: PlacedMarker } | null = null
  /** "Near Columbus, OH" in a corner once the view is zoomed in past the named cities (offline map only). */
  private readonly caption: HTMLElement
  private popup: { pointId: string; handle: { remove(): void } } | null = null
  private pointsKey: string | null = null
  private groupsKey = ''
  /** Leaves of each cluster of the current data, by cluster id (filled asynchronously). */
  private leaves = new Map<number, string[]>()
  private dataVersion = 0
  /** Set when the member moves the map: a resize then no longer refits it. */
  private userMoved = false
  /** After a cluster pressed from the keyboard zooms in, the focus goes to the first of its points. */
  private focusAfterZoom: { clusterKey: string; leaves: string[]; at: LngLatPair } | null = null
  private destroyed = false

  constructor(
    private readonly engine: Engine,
    private readonly container: HTMLElement,
    initial: CareMapInput,
    private readonly stateBox: (code: string) => [LngLatPair, LngLatPair] | null,
  ) {
    this.input = initial
    this.points = spreadCoincident(initial.points)
    const { map } = engine
    this.pointsKey = keyOf(initial)
    container.dataset.moving = 'false'
    this.caption = document.createElement('p')
    this.caption.className = 'care-map__where'
    this.caption.hidden = true
    container.appendChild(this.caption)
    this.fit(false)
    this.renderHome()
    this.sync()
    map.on('movestart', (event) => {
      if (event.originalEvent) this.userMoved = true
      container.dataset.moving = 'true'
    })
    map.on('render', () => {
      if (!map.isMoving()) this.sync()
    })
    map.on('moveend', () => {
      container.dataset.moving = 'false'
      this.sync()
      this.recordView()
    })
    map.on('idle', () => this.recordView())
    // Escape on the map (the popup included), or with the focus nowhere (after a click on a pin), closes
    // the popup and gives the focus back to its pin.
    document.addEventListener('keydown', this.onKeyDown)
    map.on('resize', () => {
      // The box can change size after the map is made (layout, rotation): keep everything in view until the member moves it.
      if (!this.userMoved) this.fit(false)
    })
  }

  update(input: CareMapInput): void {
    if (this.destroyed) return
    this.input = input
    const key = keyOf(input)
    if (key !== this.pointsKey) {
      this.pointsKey = key
      this.points = spreadCoincident(input.points)
      this.setData(resultsData(this.points))
      this.userMoved = false
      if (this.popup && !input.points.some((p) => p.id === this.popup?.pointId)) this.closePopup(false)
      this.fit(true)
    }
    // A result selected in the list (hovered, focused) is highlighted where it is drawn, its pin or its
    // cluster; the map does not move to it: the list scrolls under the mouse, and a map that jumped
    // to each result passed over would be unreadable.
    this.renderHome()
    this.sync(true)
  }

  private readonly onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Escape' || !this.popup) return
    const focused = document.activeElement
    if (focused && focused !== document.body && !this.container.contains(focused)) return
    event.stopPropagation()
    this.closePopup(true)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    document.removeEventListener('keydown', this.onKeyDown)
    this.caption.remove()
    this.popup?.handle.remove()
    for (const drawn of this.drawn.values()) drawn.marker.remove()
    this.drawn.clear()
    this.home?.marker.remove()
    this.engine.map.remove()
  }

  private setData(data: FeatureCollection<Point, ResultProperties>): void {
    this.dataVersion++
    this.leaves = new Map()
    this.groupsKey = ''
    this.engine.setData(data)
  }

  private fit(animate: boolean): void {
    const { map } = this.engine
    const { home, points: all, fitIds } = this.input
    const wanted = fitIds && fitIds.length > 0 ? new Set(fitIds) : null
    const chosen = wanted ? all.filter((p) => wanted.has(p.id)) : all
    const points = chosen.length > 0 ? chosen : all
    const bounds = fitBoundsOf(home, points, home?.state ? this.stateBox(home.state) : null) ?? US_BOUNDS
    const box = map.getContainer()
    // A box too small for the padding would make the libraries refuse to fit at all.
    const padding = Math.max(8, Math.min(FIT_PADDING, Math.floor(Math.min(box.clientWidth, box.clientHeight) / 6)))
    map.fitBounds(bounds, { padding, maxZoom: FIT_MAX_ZOOM, animate })
    this.container.dataset.fitBounds = bounds.flat().join(',')
    this.recordView()
  }

  /** The view on the container (west,south,east,north and zoom), for tests and anyone inspecting the page. */
  private recordView(): void {
    if (this.destroyed) return
    const bounds = this.engine.map.getBounds()
    if (!bounds) return
    this.container.dataset.viewBounds = [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()].map((n) => n.toFixed(5)).join(',')
    this.container.dataset.zoom = this.engine.map.getZoom().toFixed(2)
    const labels = this.engine.renderedLabels()
    this.container.dataset.cityLabels = labels.cities.join('|')
    this.container.dataset.stateLabels = labels.states.join('|')
    this.renderCaption(labels.cities)
  }

  private renderCaption(citiesOnScreen: string[]): void {
    const { map } = this.engine
    const bounds = map.getBounds()
    const near =
      bounds && map.getZoom() >= CAPTION_MIN_ZOOM
        ? this.engine.nearestCity([(bounds.getWest() + bounds.getEast()) / 2, (bounds.getSouth() + bounds.getNorth()) / 2])
        : null
    // Not when the city's own name is on screen.
    const text = near && !citiesOnScreen.includes(near.name) ? this.input.text.near(near.name, near.state) : ''
    this.caption.textContent = text
    this.caption.hidden = !text
    this.container.dataset.where = text
  }

  private renderHome(): void {
    const home: CareMapHome | null = this.input.home && isPlottable(this.input.home) ? this.input.home : null
    if (!home) {
      this.home?.marker.remove()
      this.home = null
      return
    }
    if (!this.home) {
      const element = document.createElement('div')
      element.className = 'care-map__home'
      element.setAttribute('role', 'img')
      this.home = { element, marker: this.engine.addMarker(element, lngLat(home)) }
    } else {
      this.home.marker.setLngLat(lngLat(home))
    }
    this.home.element.setAttribute('aria-label', home.label)
    this.home.element.title = home.label
  }

  /**
   * The clusters and pins for the view from the clustered source; null while its tiles load (what
   * is drawn stays: no flash of an empty map while zooming). Every point alone if it never loads.
   */
  private currentGroups(): Group[] | null {
    const { map } = this.engine
    const plottable = this.points.filter(isPlottable)
    if (!map.getSource(RESULTS_SOURCE) || !map.isSourceLoaded(RESULTS_SOURCE)) {
      return this.engine.clusteringUnavailable() ? plottable.map((p) => ({ kind: 'point', id: p.id, at: lngLat(p) })) : null
    }
    const seen = new Set<string>()
    const groups: Group[] = []
    for (const feature of map.querySourceFeatures(RESULTS_SOURCE)) {
      const props = feature.properties ?? {}
      if (feature.geometry.type !== 'Point') continue
      const at = feature.geometry.coordinates as LngLatPair
      if (props.cluster) {
        const clusterId = Number(props.cluster_id)
        if (seen.has(`c${clusterId}`)) continue
        seen.add(`c${clusterId}`)
        groups.push({ kind: 'cluster', clusterId, count: Number(props.point_count), inNetwork: Number(props.inNetwork ?? 0), at })
      } else {
        const id = String(props.id)
        if (seen.has(`p${id}`)) continue
        seen.add(`p${id}`)
        // The tiles' coordinates are rounded: place the pin at the point's own.
        const point = plottable.find((p) => p.id === id)
        groups.push({ kind: 'point', id, at: point ? lngLat(point) : at })
      }
    }
    // No tile in view holds anything (all points off screen): nothing to draw, which is right.
    return groups
  }

  /** Brings the markers in line with the groups; `force` also redoes names and selection. */
  private sync(force = false): void {
    if (this.destroyed) return
    const groups = this.currentGroups()
    if (!groups) {
      if (force) for (const drawn of this.drawn.values()) this.decorate(drawn)
      return
    }
    const order = new Map(this.input.points.map((p, i) => [p.id, i]))
    const rank = (g: Group) =>
      g.kind === 'point' ? (order.get(g.id) ?? 1e6) : 1e6 + Math.min(...(this.leaves.get(g.clusterId) ?? []).map((id) => order.get(id) ?? 1e6), 1e6)
    // Pins first, in the list's order, then clusters in the order of their first result: the tab order.
    groups.sort((a, b) => (a.kind === b.kind ? rank(a) - rank(b) : a.kind === 'point' ? -1 : 1))
    const key = groups.map(groupKey).join('|')
    if (key === this.groupsKey && !force) return
    const changed = key !== this.groupsKey
    this.groupsKey = key

    const wanted = new Map(groups.map((g) => [groupKey(g), g]))
    const focusedKey = [...this.drawn.entries()].find(([, d]) => d.element === document.activeElement)?.[0]
    for (const [k, drawn] of this.drawn) {
      if (!wanted.has(k)) {
        drawn.marker.remove()
        this.drawn.delete(k)
      }
    }
    for (const [k, group] of wanted) {
      let drawn = this.drawn.get(k)
      if (!drawn) {
        const element = group.kind === 'cluster' ? this.clusterButton() : this.pinButton(group.id)
        drawn = { group, element, marker: this.engine.addMarker(element, group.at) }
        this.drawn.set(k, drawn)
      } else if (drawn.group.at[0] !== group.at[0] || drawn.group.at[1] !== group.at[1]) {
        drawn.marker.setLngLat(group.at)
      }
      drawn.group = group
      this.decorate(drawn)
      if (group.kind === 'cluster' && !this.leaves.has(group.clusterId)) this.loadLeaves(group.clusterId, group.count)
    }
    if (changed) this.keepTabOrder(groups.map(groupKey), focusedKey)
    this.container.dataset.markers = String(this.drawn.size)
    this.container.dataset.points = String(this.input.points.filter(isPlottable).length)
    // Once the pressed cluster has made way for what it held (tiles of the new zoom loaded).
    if (this.focusAfterZoom && !this.engine.map.isMoving() && this.drawn.size > 0 && !this.drawn.has(this.focusAfterZoom.clusterKey)) this.focusZoomedPoint()
  }

  private clusterButton(): HTMLButtonElement {
    const element = document.createElement('button')
    element.type = 'button'
    element.setAttribute('role', 'button')
    const count = document.createElement('span')
    count.setAttribute('aria-hidden', 'true')
    element.appendChild(count)
    element.addEventListener('click', (event) => {
      event.stopPropagation()
      const drawn = [...this.drawn.values()].find((d) => d.element === element)
      if (drawn?.group.kind === 'cluster') void this.expand(drawn.group, event.detail === 0)
    })
    return element
  }

  private pinButton(id: string): HTMLButtonElement {
    const element = document.createElement('button')
    element.type = 'button'
    element.dataset.pointId = id
    // Redundant on a <button>, but mapbox-gl gives role="img" to marker elements without a role.
    element.setAttribute('role', 'button')
    // Reads the latest input, so a new onSelect from a re-render is used without re-binding.
    element.addEventListener('click', (event) => {
      event.stopPropagation()
      this.input.onSelect(id)
      // detail 0: pressed with Enter or Space, so the popup takes the focus (and Escape gives it back).
      this.openPopup(id, event.detail === 0)
    })
    return element
  }

  private decorate({ group, element }: DrawnGroup): void {
    const { selectedId, points, text } = this.input
    if (group.kind === 'cluster') {
      const leaves = this.leaves.get(group.clusterId)
      // classList, not className: the library keeps its own positioning classes on the element.
      element.classList.add('care-map__cluster')
      element.classList.toggle('care-map__cluster--in-network', group.inNetwork > 0)
      element.classList.toggle('care-map__cluster--large', group.count >= 10)
      element.classList.toggle('care-map__cluster--selected', Boolean(selectedId && leaves?.includes(selectedId)))
      element.dataset.clusterCount = String(group.count)
      element.firstElementChild!.textContent = String(group.count)
      const label = text.cluster(group.count, group.inNetwork)
      element.setAttribute('aria-label', label)
      element.title = label
      return
    }
    const point = points.find((p) => p.id === group.id)
    if (!point) return

    const selected = point.id === selectedId
    // classList, not className: the library keeps its own positioning classes on the element.
    element.classList.add('care-map__pin')
    element.classList.toggle('care-map__pin--in-network', point.kind === 'in-network')
    element.classList.toggle('care-map__pin--out-of-network', point.kind === 'out-of-network')
    element.classList.toggle('care-map__pin--selected', selected)
    element.setAttribute('aria-label', point.label)
    element.title = point.label
    element.setAttribute('aria-pressed', String(selected))
    if (point.detail) {
      element.setAttribute('aria-haspopup', 'dialog')
      element.setAttribute('aria-expanded', String(this.popup?.pointId === point.id))
    }
  }

  private loadLeaves(clusterId: number, count: number): void {
    const version = this.dataVersion
    this.leaves.set(clusterId, [])
    this.engine.clusterLeafIds(clusterId, count).then(
      (ids) => {
        if (this.destroyed || version !== this.dataVersion) return
        this.leaves.set(clusterId, ids)
        this.sync(true)
      },
      () => this.leaves.delete(clusterId),
    )
  }

  /** Zooms in to where the cluster's pins stand apart (the library says which zoom). */
  private async expand(group: Extract<Group, { kind: 'cluster' }>, fromKeyboard: boolean): Promise<void> {
    const version = this.dataVersion
    const zoom = await this.engine.clusterExpansionZoom(group.clusterId).catch(() => this.engine.map.getZoom() + 2)
    if (this.destroyed || version !== this.dataVersion) return
    this.userMoved = true
    if (fromKeyboard) this.focusAfterZoom = { clusterKey: groupKey(group), leaves: this.leaves.get(group.clusterId) ?? [], at: group.at }
    // A cluster of the zoom just left (still drawn until the new zoom's markers are) splits at or below this zoom: one step in then.
    this.engine.map.easeTo({ center: group.at, zoom: Math.min(Math.max(zoom, Math.floor(this.engine.map.getZoom()) + 1), CLUSTER_MAX_ZOOM + 1) })
  }

  /** The first of the cluster's pins in the list's order, or else the marker nearest to where the cluster was. */
  private focusZoomedPoint(): void {
    const pending = this.focusAfterZoom
    this.focusAfterZoom = null
    if (!pending) return
    const order = new Map(this.input.points.map((p, i) => [p.id, i]))
    const drawn = [...this.drawn.values()]
    const pins = drawn.filter((d) => d.group.kind === 'point' && pending.leaves.includes(d.group.id))
    pins.sort((a, b) => (a.group.kind === 'point' && b.group.kind === 'point' ? (order.get(a.group.id) ?? 0) - (order.get(b.group.id) ?? 0) : 0))
    const distance = (d: DrawnGroup) => Math.hypot(d.group.at[0] - pending.at[0], d.group.at[1] - pending.at[1])
    const target = pins[0] ?? drawn.sort((a, b) => distance(a) - distance(b))[0]
    target?.element.focus()
  }

  private openPopup(pointId: string, takeFocus: boolean): void {
    const point = this.points.find((p) => p.id === pointId)
    if (!point?.detail || !isPlottable(point)) return
    this.closePopup(false)
    const content = this.popupContent({ ...point, detail: point.detail }, () => this.closePopup(true))
    const handle = this.engine.openPopup(lngLat(point), content, () => {
      if (this.popup?.handle !== handle) return
      this.popup = null
      this.container.dataset.popup = ''
      this.sync(true)
    })
    this.popup = { pointId, handle }
    this.container.dataset.popup = pointId
    this.sync(true)
    if (takeFocus) content.querySelector<HTMLElement>('a, button')?.focus()
  }

  private closePopup(returnFocus: boolean): void {
    const open = this.popup
    if (!open) return
    this.popup = null
    this.container.dataset.popup = ''
    open.handle.remove()
    this.sync(true)
    if (returnFocus) [...this.drawn.values()].find((d) => d.group.kind === 'point' && d.group.id === open.pointId)?.element.focus()
  }

  private popupContent(point: CareMapPoint & { detail: CareMapPointDetail }, close: () => void): HTMLElement {
    const lines = this.input.text.popup(point)
    const root = document.createElement('div')
    root.className = 'care-map-popup'
    root.setAttribute('role', 'dialog')
    const headingId = `care-map-popup-${point.id}`
    root.setAttribute('aria-labelledby', headingId)
    const heading = document.createElement('p')
    heading.className = 'care-map-popup__name'
    heading.id = headingId
    heading.textContent = point.label
    root.appendChild(heading)
    const facts = document.createElement('ul')
    facts.className = 'care-map-popup__facts'
    for (const [name, value] of [
      ['pays', lines.pays],
      ['stars', lines.stars],
      ['distance', lines.distance],
    ] as const) {
      const item = document.createElement('li')
      item.dataset.fact = name
      item.textContent = value
      facts.appendChild(item)
    }
    root.appendChild(facts)
    const href = point.detail.href
    if (href) {
      const link = document.createElement('a')
      link.href = href
      link.className = 'care-map-popup__link'
      link.textContent = lines.link
      link.addEventListener('click', (event) => {
        // A plain click goes through the app's router; a new tab or window is left to the browser.
        if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
        event.preventDefault()
        this.input.navigate(href)
      })
      root.appendChild(link)
    }
    const closeButton = document.createElement('button')
    closeButton.type = 'button'
    closeButton.className = 'care-map-popup__close'
    closeButton.setAttribute('aria-label', this.input.text.closePopup)
    closeButton.textContent = '×'
    closeButton.addEventListener('click', (event) => {
      event.stopPropagation()
      close()
    })
    root.appendChild(closeButton)
    return root
  }

  /** Markers are appended as they are created; keep their DOM (and so tab) order the list's order. */
  private keepTabOrder(keys: string[], focusedKey: string | undefined): void {
    const elements = keys.map((k) => this.drawn.get(k)?.element).filter((e): e is HTMLButtonElement => e !== undefined)
    const parent = elements[0]?.parentElement
    if (!parent) return
    const current = [...parent.children].filter((e): e is HTMLButtonElement => elements.includes(e as HTMLButtonElement))
    if (current.length === elements.length && current.every((e, i) => e === elements[i])) return
    for (const element of elements) parent.appendChild(element)
    const focused = focusedKey ? this.drawn.get(focusedKey)?.element : undefined
    if (focused && document.activeElement !== focused) focused.focus()
  }
}

function groupKey(group: Group): string {
  return group.kind === 'cluster' ? `c${group.clusterId}` : `p${group.id}`
}

function keyOf(input: CareMapInput): string {
  return JSON.stringify([input.home && [input.home.longitude, input.home.latitude], input.points.map((p) => [p.id, p.longitude, p.latitude])])
}

function lngLat(p: { longitude: number; latitude: number }): LngLatPair {
  return [p.longitude, p.latitude]
}

function resultsData(points: ReadonlyArray<CareMapPoint>): FeatureCollection<Point, ResultProperties> {
  return {
    type: 'FeatureCollection',
    features: points.filter(isPlottable).map((p) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: lngLat(p) },
      properties: { id: p.id, inNetwork: p.kind === 'in-network' ? 1 : 0 },
    })),
  }
}

/** The clustered source both libraries take, and the invisible layer that keeps its tiles loaded. */
function resultsSource(data: FeatureCollection) {
  return {
    type: 'geojson',
    data,
    cluster: true,
    clusterRadius: CLUSTER_RADIUS,
    clusterMaxZoom: CLUSTER_MAX_ZOOM,
    // How many of a cluster's points are in the program (its colour and its name say so).
    clusterProperties: { inNetwork: ['+', ['get', 'inNetwork']] },
  }
}
const RESULTS_LAYER = {
  id: 'care-results-anchor',
  type: 'circle',
  source: RESULTS_SOURCE,
  // The markers draw the results; the layer only has to exist, be visible, and draw nothing.
  paint: { 'circle-radius': 1, 'circle-opacity': 0, 'circle-stroke-opacity': 0 },
}

async function createMaplibreEngine(container: HTMLElement, data: FeatureCollection): Promise<Engine> {
  const [maplibregl, { offlineBaseStyle, LABEL_LAYER_IDS }, { nearestCity }] = await Promise.all([
    import('maplibre-gl'),
    import('./us-base-style'),
    import('./us-places'),
  ])
  const version = maplibregl.getVersion()
  // The version query keeps the worker and stylesheet in step with the bundled library across
  // upgrades (public/ files are cached by the browser, the build's hashed chunks are not reused).
  maplibregl.setWorkerUrl(`${MAPLIBRE_WORKER_URL}?v=${version}`)
  await ensureStylesheet(`${MAPLIBRE_CSS_URL}?v=${version}`)
  container.dataset.mapLibrary = 'maplibre'

  const base = offlineBaseStyle()
  const map = new maplibregl.Map({
    container,
    style: {
      ...base,
      sources: { ...base.sources, [RESULTS_SOURCE]: resultsSource(data) as never },
      layers: [...base.layers, RESULTS_LAYER as never],
    },
    bounds: US_BOUNDS,
    fitBoundsOptions: { padding: 20 },
    attributionControl: { compact: true },
    cooperativeGestures: true,
    dragRotate: false,
    pitchWithRotate: false,
  })
  map.touchZoomRotate.disableRotation()
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
  trackErrors(container, map)
  const source = () => map.getSource<import('maplibre-gl').GeoJSONSource>(RESULTS_SOURCE)
  // Points given before the style has loaded (a new search while the map was being made) wait for it.
  let pending: FeatureCollection | null = null
  map.on('load', () => {
    if (pending) source()?.setData(pending)
    pending = null
  })

  return {
    map: map as unknown as MapLike,
    setData: (next) => {
      const s = source()
      if (s) s.setData(next)
      else pending = next
    },
    addMarker: (element, at) => {
      const marker = new maplibregl.Marker({ element }).setLngLat(at).addTo(map)
      return { setLngLat: (to) => void marker.setLngLat(to), remove: () => void marker.remove() }
    },
    openPopup: (at, content, onClose) => {
      const popup = new maplibregl.Popup({ closeButton: false, closeOnClick: true, focusAfterOpen: false, maxWidth: '260px', offset: 14 })
        .setLngLat(at)
        .setDOMContent(content)
        .addTo(map)
      popup.on('close', onClose)
      return { remove: () => void popup.remove() }
    },
    clusterExpansionZoom: async (clusterId) => {
      const s = source()
      if (!s) throw new Error('no results source')
      return s.getClusterExpansionZoom(clusterId)
    },
    clusterLeafIds: async (clusterId, count) => {
      const s = source()
      if (!s) return []
      return (await s.getClusterLeaves(clusterId, count, 0)).map((f) => String(f.properties?.id))
    },
    clusteringUnavailable: () => false,
    nearestCity: ([longitude, latitude]) => nearestCity(longitude, latitude),
    renderedLabels: () => {
      if (!map.isStyleLoaded()) return { cities: [], states: [] }
      const features = map.queryRenderedFeatures({ layers: LABEL_LAYER_IDS })
      const names = (state: boolean) => [...new Set(features.filter((f) => f.layer.id.startsWith('state') === state).map((f) => String(f.properties.name)))].sort()
      return { cities: names(false), states: names(true) }
    },
  }
}

async function createMapboxEngine(container: HTMLElement, token: string, data: FeatureCollection): Promise<Engine> {
  // The package's main file is a UMD bundle: esbuild hands it over as the default export.
  const mapboxgl = (await import('mapbox-gl')).default
  await ensureStylesheet(`${MAPBOX_CSS_URL}?v=${mapboxgl.version}`)
  container.dataset.mapLibrary = 'mapbox'
  mapboxgl.accessToken = token

  // With an invalid token (or offline) the style never loads and the canvas stays empty; the
  // pins (unclustered: the source needs a style) still show, and the list has every result.
  const map = new mapboxgl.Map({
    container,
    style: MAPBOX_STYLE,
    projection: 'mercator',
    bounds: US_BOUNDS,
    fitBoundsOptions: { padding: 20 },
    attributionControl: false,
    cooperativeGestures: true,
    dragRotate: false,
    pitchWithRotate: false,
  })
  map.touchZoomRotate.disableRotation()
  map.addControl(new mapboxgl.AttributionControl({ compact: true }))
  map.addControl(new mapboxgl.NavigationControl({ showCompass: false }), 'top-right')
  trackErrors(container, map)
  let latest = data
  // No style after a few seconds (or an error before it): draw plain pins, the source will not come.
  let styleLoaded = false
  let styleFailed = false
  const giveUp = window.setTimeout(() => {
    styleFailed = !styleLoaded
    map.triggerRepaint()
  }, 4_000)
  map.on('error', () => {
    if (!styleLoaded) styleFailed = true
  })
  map.on('load', () => {
    styleLoaded = true
    window.clearTimeout(giveUp)
    // The newest points: they may have changed while the style loaded.
    if (!map.getSource(RESULTS_SOURCE)) map.addSource(RESULTS_SOURCE, resultsSource(latest) as never)
    map.addLayer(RESULTS_LAYER as never)
  })
  const source = () => map.getSource(RESULTS_SOURCE) as import('mapbox-gl').GeoJSONSource | undefined

  return {
    map: map as unknown as MapLike,
    setData: (next) => {
      latest = next
      source()?.setData(next)
    },
    addMarker: (element, at) => {
      const marker = new mapboxgl.Marker({ element }).setLngLat(at).addTo(map)
      return { setLngLat: (to) => void marker.setLngLat(to), remove: () => void marker.remove() }
    },
    openPopup: (at, content, onClose) => {
      const popup = new mapboxgl.Popup({ closeButton: false, closeOnClick: true, focusAfterOpen: false, maxWidth: '260px', offset: 14 })
        .setLngLat(at)
        .setDOMContent(content)
        .addTo(map)
      popup.on('close', onClose)
      return { remove: () => void popup.remove() }
    },
    clusterExpansionZoom: (clusterId) =>
      new Promise((resolve, reject) => {
        const s = source()
        if (!s) return reject(new Error('no results source'))
        s.getClusterExpansionZoom(clusterId, (error, zoom) => (error || zoom == null ? reject(error ?? new Error('no zoom')) : resolve(zoom)))
      }),
    clusterLeafIds: (clusterId, count) =>
      new Promise((resolve) => {
        const s = source()
        if (!s) return resolve([])
        s.getClusterLeaves(clusterId, count, 0, (error, features) => resolve(error || !features ? [] : features.map((f) => String(f.properties?.id))))
      }),
    clusteringUnavailable: () => styleFailed && !styleLoaded,
    nearestCity: () => null,
    renderedLabels: () => ({ cities: [], states: [] }),
  }
}

/**
 * Runtime map errors (a tile, the style or the token) are not failures of the page: the map stays
 * with whatever it could draw. Recording the last one on the container (instead of the library's
 * console.error) keeps it visible to tests and to someone inspecting the page.
 */
function trackErrors(container: HTMLElement, map: { on(type: 'error', listener: (event: { error?: { message?: string } }) => void): unknown }) {
  map.on('error', (event) => {
    container.dataset.mapError = event.error?.message ?? 'unknown map error'
  })
}

const stylesheets = new Map<string, Promise<void>>()

/** Adds the library's stylesheet once and waits for it, so markers are positioned from the start. */
function ensureStylesheet(href: string): Promise<void> {
  let loaded = stylesheets.get(href)
  if (!loaded) {
    loaded = new Promise<void>((resolve) => {
      const link = document.createElement('link')
      link.rel = 'stylesheet'
      link.href = href
      link.dataset.careMap = ''
      // A stylesheet that fails to load leaves the map usable (only controls look plain): go on.
      link.addEventListener('load', () => resolve())
      link.addEventListener('error', () => resolve())
      document.head.appendChild(link)
    })
    stylesheets.set(href, loaded)
  }
  return loaded
}
