import { expect, test } from './test'
import { axeReport } from './axe'
import { signedIn } from './session'

/*
 * Issue 23's coalition contract journey (on the demo seed: the coalitions seed's GLEC with Acme,
 * Bluewave and Lakeside, and db/seed/coalition-contracts.ts's GLEC ↔ Summit contract, its period 1
 * reconciled): Lakeside Credit Union's HR adopts the coalition's network into a draft program in
 * one step and publishes it; the coalition admin opens the contract's period statement and sees
 * the settlement allocated to the member employers; Lakeside sees only its own shares. axe on
 * every page the issue adds, at 1280 and 375 px.
 */

test('a member employer adopts the coalition network and publishes it; the coalition admin reads the allocation', async ({ browser }) => {
  test.setTimeout(240_000)

  const hr = await signedIn(browser, 'hr@lakeside.example')
  await hr.goto('/employer/programs')
  const coalitionNetwork = hr.getByRole('region', { name: "Your coalition's network" })
  await expect(coalitionNetwork).toContainText('Summit Health Partners (demo)')
  for (const width of [1280, 375]) {
    await hr.setViewportSize({ width, height: 900 })
    expect(await axeReport(hr)).toEqual([])
  }
  await hr.setViewportSize({ width: 1280, height: 900 })
  await coalitionNetwork.getByRole('button', { name: /^Adopt the coalition network/ }).first().click()
  await expect(hr.getByText(/^Coalition network adopted: draft version 1 of /)).toBeVisible()
  await expect(hr.getByRole('heading', { level: 1 })).toContainText('Summit Health Partners (demo)')
  expect(await axeReport(hr)).toEqual([])
  await hr.getByRole('button', { name: 'Publish version 1' }).click()
  // A program covering the same procedures on the same days asks first (issue 20); Lakeside's first program does not.
  const confirm = hr.getByRole('button', { name: 'Confirm publishing version 1' })
  if (await confirm.isVisible()) await confirm.click()
  await expect(hr.getByText('Published · version 1')).toBeVisible()

  await hr.goto('/employer/coalition-settlements')
  await expect(hr.getByRole('heading', { level: 1, name: 'Coalition settlements' })).toBeVisible()
  await expect(hr.locator('main')).not.toContainText('Acme')
  for (const width of [1280, 375]) {
    await hr.setViewportSize({ width, height: 900 })
    expect(await axeReport(hr)).toEqual([])
  }

  const coalition = await signedIn(browser, 'admin@glec.example')
  await coalition.goto('/coalition/contracts')
  expect(await axeReport(coalition)).toEqual([])
  await coalition.getByRole('link', { name: 'GLEC and Summit joint replacement bundle' }).click()
  await expect(coalition.getByRole('heading', { level: 1 })).toContainText('GLEC and Summit joint replacement bundle')
  expect(await axeReport(coalition)).toEqual([])
  await coalition.getByRole('region', { name: 'Periods' }).getByRole('link', { name: 'Period 1' }).click()
  const allocation = coalition.getByRole('region', { name: 'Allocation to member employers' })
  await expect(allocation.getByRole('row', { name: /^Acme Manufacturing \d+ \$[\d,.]+$/ })).toBeVisible()
  await expect(allocation.getByRole('row', { name: /^Total / })).toBeVisible()
  for (const width of [1280, 375]) {
    await coalition.setViewportSize({ width, height: 900 })
    expect(await axeReport(coalition)).toEqual([])
    await coalition.screenshot({ path: `tests/.tmp/coalition-statement-${width}.png`, fullPage: true })
  }

  await coalition.goto('/coalition/contracts/new')
  await coalition.getByRole('link', { name: 'Summit Health Partners (demo)' }).click()
  await expect(coalition.getByRole('heading', { level: 1, name: 'Draft a contract with Summit Health Partners (demo)' })).toBeVisible()
  expect(await axeReport(coalition)).toEqual([])
})
