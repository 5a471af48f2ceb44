// The find-care map, created imperatively in the browser (ADR 0006). Only care-map.tsx imports
// this module, lazily, so the map libraries live in their own chunks and never reach the server
// bundle (the classic compiler replaces `.client` modules with empty ones there).
//
// With a Mapbox token: mapbox-gl and Mapbox's streets style. Without one: maplibre-gl with an
// offline style (a background and the US state outlines from us-atlas; no remote sources, no
// glyphs or sprites, so no symbol layers). The pins are HTML markers in both cases: keyboard
// focusable <button>s named by the point's label, drawn even when mapbox-gl cannot load its style.
import { boundsOf, isPlottable, type CareMapHandle, type CareMapHome, type CareMapPoint, type CareMapProps, type LngLatPair } from './care-map-types'

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
const FIT_OPTIONS = { padding: 40, maxZoom: 10 }

/** The little each library has to do for the rest of this module. */
interface Engine {
  fitBounds(bounds: [LngLatPair, LngLatPair], animate: boolean): void
  /** Pans to the point when it is outside the visible area. */
  reveal(at: LngLatPair): void
  addMarker(element: HTMLElement, at: LngLatPair): PlacedMarker
  destroy(): void
}

interface PlacedMarker {
  setLngLat(at: LngLatPair): void
  remove(): void
}

export async function mountCareMap(container: HTMLElement, initial: CareMapProps): Promise<CareMapHandle> {
  const engine = initial.mapboxToken ? await createMapboxEngine(container, initial.mapboxToken) : await createMaplibreEngine(container)
  return new CareMapController(engine, initial)
}

class CareMapController implements CareMapHandle {
  private props: CareMapProps
  private readonly pins = new Map<string, { point: CareMapPoint; element: HTMLButtonElement; marker: PlacedMarker }>()
  private home: { home: CareMapHome; element: HTMLElement; marker: PlacedMarker } | null = null
  private boundsKey: string | null = null
  private shownSelectedId: string | null = null
  private destroyed = false

  constructor(
    private readonly engine: Engine,
    initial: CareMapProps,
  ) {
    this.props = initial
    this.render(false)
  }

  update(props: CareMapProps): void {
    if (this.destroyed) return
    this.props = props
    this.render(true)
  }

  destroy(): void {
    if (this.destroyed) return
    this.destroyed = true
    for (const pin of this.pins.values()) pin.marker.remove()
    this.pins.clear()
    this.home?.marker.remove()
    this.home = null
    this.engine.destroy()
  }

  private render(animate: boolean): void {
    const { home, points, selectedId } = this.props
    this.renderHome(home)
    this.renderPins(points, selectedId)

    const key = JSON.stringify([home && [home.longitude, home.latitude], points.map((p) => [p.longitude, p.latitude])])
    if (key !== this.boundsKey) {
      this.boundsKey = key
      this.engine.fitBounds(boundsOf(home, points) ?? US_BOUNDS, animate)
    } else if (selectedId !== this.shownSelectedId) {
      const selected = selectedId ? this.pins.get(selectedId) : undefined
      if (selected) this.engine.reveal(lngLat(selected.point))
    }
    this.shownSelectedId = selectedId
  }

  private renderHome(home: CareMapHome | null): void {
    const plottable = home && isPlottable(home) ? home : null
    if (!plottable) {
      this.home?.marker.remove()
      this.home = null
      return
    }
    if (!this.home) {
      const element = document.createElement('div')
      element.className = 'care-map__home'
      element.setAttribute('role', 'img')
      this.home = { home: plottable, element, marker: this.engine.addMarker(element, lngLat(plottable)) }
    } else {
      this.home.marker.setLngLat(lngLat(plottable))
      this.home.home = plottable
    }
    this.home.element.setAttribute('aria-label', plottable.label)
    this.home.element.title = plottable.label
  }

  private renderPins(points: ReadonlyArray<CareMapPoint>, selectedId: string | null): void {
    const wanted = new Map(points.filter(isPlottable).map((p) => [p.id, p]))
    for (const [id, pin] of this.pins) {
      if (!wanted.has(id)) {
        pin.marker.remove()
        this.pins.delete(id)
      }
    }
    for (const point of wanted.values()) {
      let pin = this.pins.get(point.id)
      if (!pin) {
        const element = document.createElement('button')
        element.type = 'button'
        element.dataset.pointId = point.id
        // Redundant on a <button>, but mapbox-gl gives role="img" to marker elements without a role.
        element.setAttribute('role', 'button')
        element.setAttribute('aria-label', point.label)
        // Reads the latest props, so a new onSelect from a re-render is used without re-binding.
        element.addEventListener('click', (event) => {
          event.stopPropagation()
          this.props.onSelect(point.id)
        })
        pin = { point, element, marker: this.engine.addMarker(element, lngLat(point)) }
        this.pins.set(point.id, pin)
      } else if (pin.point.latitude !== point.latitude || pin.point.longitude !== point.longitude) {
        pin.marker.setLngLat(lngLat(point))
      }
      pin.point = point
      const selected = point.id === selectedId
      // classList, not className: the library keeps its own positioning classes on the element.
      pin.element.classList.add('care-map__pin')
      pin.element.classList.toggle('care-map__pin--in-network', point.kind === 'in-network')
      pin.element.classList.toggle('care-map__pin--out-of-network', point.kind === 'out-of-network')
      pin.element.classList.toggle('care-map__pin--selected', selected)
      pin.element.setAttribute('aria-label', point.label)
      pin.element.title = `${point.label} (${point.kind === 'in-network' ? 'in network' : 'out of network'})`
      pin.element.setAttribute('aria-pressed', String(selected))
    }
    this.keepTabOrder([...wanted.keys()])
  }

  /** Markers are appended as they are created; keep their DOM (and so tab) order the list's order. */
  private keepTabOrder(ids: string[]): void {
    const elements = ids.map((id) => this.pins.get(id)?.element).filter((e): e is HTMLButtonElement => e !== undefined)
    const parent = elements[0]?.parentElement
    if (!parent) return
    const current = [...parent.children].filter((e): e is HTMLButtonElement => e instanceof HTMLButtonElement && e.dataset.pointId !== undefined)
    if (current.length === elements.length && current.every((e, i) => e === elements[i])) return
    const focused = document.activeElement
    for (const element of elements) parent.appendChild(element)
    if (focused instanceof HTMLElement && elements.includes(focused as HTMLButtonElement)) focused.focus()
  }
}

function lngLat(p: { longitude: number; latitude: number }): LngLatPair {
  return [p.longitude, p.latitude]
}

async function createMaplibreEngine(container: HTMLElement): Promise<Engine> {
  const [maplibregl, { usStatesGeoJson }] = await Promise.all([import('maplibre-gl'), import('./us-states-geojson')])
  const version = maplibregl.getVersion()
  // The version query keeps the worker and stylesheet in step with the bundled library across
  // upgrades (public/ files are cached by the browser, the build's hashed chunks are not reused).
  maplibregl.setWorkerUrl(`${MAPLIBRE_WORKER_URL}?v=${version}`)
  await ensureStylesheet(`${MAPLIBRE_CSS_URL}?v=${version}`)
  container.dataset.mapLibrary = 'maplibre'

  const map = new maplibregl.Map({
    container,
    style: {
      version: 8,
      sources: {
        states: { type: 'geojson', data: usStatesGeoJson(), attribution: 'US Census Bureau (us-atlas)' },
      },
      layers: [
        { id: 'background', type: 'background', paint: { 'background-color': '#dde7ef' } },
        { id: 'states-fill', type: 'fill', source: 'states', paint: { 'fill-color': '#f8f9fb' } },
        { id: 'states-outline', type: 'line', source: 'states', paint: { 'line-color': '#9aa5b4', 'line-width': 0.8 } },
      ],
    },
    bounds: US_BOUNDS,
    fitBoundsOptions: FIT_OPTIONS,
    attributionControl: { compact: true },
    cooperativeGestures: true,
    dragRotate: false,
    pitchWithRotate: false,
  })
  map.touchZoomRotate.disableRotation()
  map.addControl(new maplibregl.NavigationControl({ showCompass: false }), 'top-right')
  trackErrors(container, map)

  return {
    fitBounds: (bounds, animate) => map.fitBounds(bounds, { ...FIT_OPTIONS, animate }),
    reveal: (at) => {
      if (!map.getBounds().contains(at)) map.panTo(at)
    },
    addMarker: (element, at) => {
      const marker = new maplibregl.Marker({ element }).setLngLat(at).addTo(map)
      return { setLngLat: (to) => void marker.setLngLat(to), remove: () => void marker.remove() }
    },
    destroy: () => map.remove(),
  }
}

async function createMapboxEngine(container: HTMLElement, token: string): Promise<Engine> {
  // The package's main file is a UMD bundle: esbuild hands it over as the default export.
  const mapboxgl = (await import('mapbox-gl')).default
  await ensureStylesheet(`${MAPBOX_CSS_URL}?v=${mapboxgl.version}`)
  container.dataset.mapLibrary = 'mapbox'
  mapboxgl.accessToken = token

  // With an invalid token (or offline) the style never loads and the canvas stays empty; the
  // HTML markers below still show, and the list next to the map has every result.
  const map = new mapboxgl.Map({
    container,
    style: MAPBOX_STYLE,
    projection: 'mercator',
    bounds: US_BOUNDS,
    fitBoundsOptions: FIT_OPTIONS,
    attributionControl: false,
    cooperativeGestures: true,
    dragRotate: false,
    pitchWithRotate: false,
  })
  map.touchZoomRotate.disableRotation()
  map.addControl(new mapboxgl.AttributionControl({ compact: true }))
  map.addControl(new mapboxgl.NavigationControl({ showCompass: false }), 'top-right')
  trackErrors(container, map)

  return {
    fitBounds: (bounds, animate) => void map.fitBounds(bounds, { ...FIT_OPTIONS, animate }),
    reveal: (at) => {
      const visible = map.getBounds()
      if (visible && !visible.contains(at)) map.panTo(at)
    },
    addMarker: (element, at) => {
      const marker = new mapboxgl.Marker({ element }).setLngLat(at).addTo(map)
      return { setLngLat: (to) => void marker.setLngLat(to), remove: () => void marker.remove() }
    },
    destroy: () => map.remove(),
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
