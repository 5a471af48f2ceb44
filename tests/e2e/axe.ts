import AxeBuilder from '@axe-core/playwright'
import type { Page } from '@playwright/test'

export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
/** axe files these under best practice, not a WCAG tag; issue 11 asks for them too (heading order, landmarks, table headers). */
const ALSO = ['heading-order', 'region', 'landmark-one-main', 'landmark-unique', 'page-has-heading-one', 'empty-heading', 'empty-table-header']
const PINS = '.care-map__pin'

/**
 * axe's findings on the page (WCAG 2.2 AA), each with its rule, help and the nodes it names, so a
 * failure says what to fix. Map pins are checked for everything except target size: where centers
 * are close together their pins overlap, and WCAG 2.5.8's "equivalent" exception applies, since a
 * pin only selects a result that the list offers as a full-size link.
 *
 * Legacy mode runs axe.run in the page itself: the default (runPartial in each frame, then
 * finishRun in a blank page it opens) started a browser tab per check, a second on a slow machine,
 * and the portal has no frames. Only violations are gathered in full (resultTypes).
 */
export async function axeReport(page: Page): Promise<string[]> {
  const rules = Object.fromEntries(ALSO.map((id) => [id, { enabled: true }]))
  const runs = [await new AxeBuilder({ page }).setLegacyMode().options({ runOnly: { type: 'tag', values: WCAG_TAGS }, rules, resultTypes: ['violations'] }).exclude(PINS).analyze()]
  if ((await page.locator(PINS).count()) > 0) {
    runs.push(await new AxeBuilder({ page }).setLegacyMode().options({ runOnly: { type: 'tag', values: WCAG_TAGS }, resultTypes: ['violations'] }).include(PINS).disableRules(['target-size']).analyze())
  }
  return runs.flatMap(({ violations }) =>
    violations.map(
      (v) =>
        `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.helpUrl}\n` +
        v.nodes.map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\n/g, '\n      ')}`).join('\n'),
    ),
  )
}
