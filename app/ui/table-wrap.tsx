import { useEffect, useRef, useState, type ReactNode } from 'react'

/**
 * The box a data table scrolls sideways in when it is wider than the screen (a 375 px phone), so
 * the page itself never does (WCAG 1.4.10). A named group that keyboard users can focus and scroll
 * with the arrow keys (2.1.1), but only while it actually scrolls: rendered focusable, then the
 * browser drops it from the tab order when the table fits. `label` names the table (keep it
 * different from the heading of the section around it).
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null)
  const [scrolls, setScrolls] = useState(true)
  useEffect(() => {
    const element = box.current
    if (!element || typeof ResizeObserver === 'undefined') return
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1)
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    if (element.firstElementChild) observer.observe(element.firstElementChild)
    measure()
    return () => observer.disconnect()
  }, [])
  return (
    <div ref={box} className="table-wrap" role="group" aria-label={label} tabIndex={scrolls ? 0 : undefined}>
      {children}
    </div>
  )
}
