import { useNavigate } from '@remix-run/react'
import { useEffect, useMemo, useRef, useState } from 'react'
import { useTranslation } from '~/i18n/use-translation'
import { useLocaleFormat } from '~/ui/use-locale-format'
import type { CareMapHandle, CareMapInput, CareMapProps, CareMapText } from './care-map-types'

export type { CareMapHome, CareMapPoint, CareMapPointDetail, CareMapProps } from './care-map-types'

type Status = 'loading' | 'ready' | 'failed'

/**
 * The find-care map (ADRs 0006 and 0015). Safe to render on the server: it renders a fixed-size box, and
 * only in the browser, after hydration, loads `care-map.client` (and with it mapbox-gl or
 * maplibre-gl) as a separate chunk. The result list is the accessible source of truth; when the
 * map cannot be loaded this says so in one line and never throws.
 */
export function CareMap(props: CareMapProps) {
  const { home, points, selectedId, onSelect, mapboxToken, className, fitIds } = props
  const canvasRef = useRef<HTMLDivElement>(null)
  const handleRef = useRef<CareMapHandle | null>(null)
  const [status, setStatus] = useState<Status>('loading')
  const { t } = useTranslation('care')
  const format = useLocaleFormat()
  const navigate = useNavigate()
  // The words on the map (cluster names, popups), in the page's language.
  const text = useMemo<CareMapText>(
    () => ({
      cluster: (count, inNetwork) =>
        inNetwork === count
          ? t('map.clusterCenters', { number: format.count(count) })
          : inNetwork === 0
            ? t('map.clusterOutside', { number: format.count(count) })
            : t('map.clusterMixed', { number: format.count(count), inProgram: format.count(inNetwork) }),
      popup: ({ kind, detail }) => ({
        pays:
          detail.memberPaysCents === null
            ? t('search.wouldPayUnknown')
            : kind === 'in-network'
              ? t('map.pays', { amount: format.money(detail.memberPaysCents) })
              : t('search.wouldPay', { amount: format.money(detail.memberPaysCents) }),
        stars: detail.starRating === null ? t('search.noStars') : t('search.starsOf5', { stars: detail.starRating }),
        distance: t('map.distance', { count: Math.round(detail.distanceMiles), miles: format.count(Math.round(detail.distanceMiles)) }),
        link: t('map.link'),
      }),
      closePopup: t('map.closePopup'),
      near: (city, state) => t('map.near', { city, state }),
    }),
    // format is made anew on each render; its locale is what it depends on.
    [t, format.locale],
  )
  const input: CareMapInput = { home, points, selectedId, onSelect, mapboxToken, className, fitIds, text, navigate }
  const latest = useRef(input)
  latest.current = input

  // The library depends on the token, so a new token means a new map; everything else is an update.
  useEffect(() => {
    const canvas = canvasRef.current
    if (!canvas) return
    let cancelled = false
    let handle: CareMapHandle | null = null
    setStatus('loading')
    // Wait until the browser is idle (the list is interactive first): the map chunk is large and
    // parsing it would otherwise block the main thread right after hydration (issue 9, Lighthouse).
    const idle = () =>
      new Promise<void>((resolve) => {
        if ('requestIdleCallback' in window) window.requestIdleCallback(() => resolve(), { timeout: 3_000 })
        else setTimeout(resolve, 200)
      })
    idle()
      .then(() => (cancelled ? Promise.reject(new Error('cancelled')) : import('./care-map.client')))
      .then(({ mountCareMap }) => (cancelled ? null : mountCareMap(canvas, latest.current)))
      .then(
        (mounted) => {
          if (!mounted) return
          if (cancelled) return mounted.destroy()
          handle = mounted
          handleRef.current = mounted
          mounted.update(latest.current) // props may have changed while the chunk loaded
          setStatus('ready')
        },
        () => {
          // Any failure here (chunk download, no WebGL) only costs the enhancement: say so, keep the list.
          if (!cancelled) setStatus('failed')
        },
      )
    return () => {
      cancelled = true
      handleRef.current = null
      handle?.destroy()
    }
  }, [mapboxToken])

  useEffect(() => {
    handleRef.current?.update(latest.current)
  }, [home, points, selectedId, onSelect, mapboxToken, className, fitIds, text, navigate])

  return (
    <div role="region" aria-label={t('map.region')} className={className ? `care-map ${className}` : 'care-map'} data-state={status}>
      {/* The map libraries own this element's children: React never renders into it. */}
      <div ref={canvasRef} className="care-map__canvas" hidden={status === 'failed'} />
      {status === 'loading' ? (
        <div className="care-map__placeholder" aria-hidden="true">
          {t('map.loading')}
        </div>
      ) : null}
      {status === 'failed' ? <p className="care-map__message">{t('map.failed')}</p> : null}
    </div>
  )
}
