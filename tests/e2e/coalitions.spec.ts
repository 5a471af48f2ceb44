import { expect, test } from './test'
import { axeReport } from './axe'
import { signedIn } from './session'

/*
 * Issue 23's membership journey: the Great Lakes Employers Coalition's admin invites Cedar Ridge
 * Schools by its code (a code nobody has is refused first, and nothing is sent); Cedar's HR admin
 * sees the invitation at /employer/coalitions and accepts; the coalition's home then lists Cedar as
 * a member from today. Both pages pass axe, at a desktop size and at 375 px.
 */

test('a coalition invites an employer by code, its HR admin accepts, the coalition lists it as a member', async ({ browser }) => {
  test.setTimeout(90_000)
  const today = new Date().toISOString().slice(0, 10)
  const coalition = await signedIn(browser, 'admin@glec.example')
  await expect(coalition).toHaveURL(/\/coalition$/)
  await expect(coalition.getByRole('heading', { level: 1, name: 'Great Lakes Employers Coalition (demo)' })).toBeVisible()
  const members = coalition.getByRole('group', { name: 'Member employers, their dates and status' })
  await expect(members.getByRole('row', { name: /Acme Manufacturing/ })).toContainText('Member')
  await expect(members.getByRole('row', { name: /Lakeside Credit Union \(demo\)/ })).toContainText('Jun 1, 2026')
  await expect(members.getByRole('row', { name: /Cedar Ridge Schools/ })).toHaveCount(0)

  // A code nobody has: refused with its message, no row added.
  await coalition.getByLabel('Employer code').fill('NOSUCH')
  await coalition.getByRole('button', { name: 'Send the invitation' }).click()
  await expect(coalition.getByRole('alert')).toHaveText('No organization has the code NOSUCH.')
  await expect(members.getByRole('row', { name: /Cedar Ridge Schools/ })).toHaveCount(0)

  await coalition.getByLabel('Employer code').fill('cedar')
  await coalition.getByRole('button', { name: 'Send the invitation' }).click()
  await expect(members.getByRole('row', { name: /Cedar Ridge Schools/ })).toContainText('Invited')
  expect(await axeReport(coalition)).toEqual([])

  // Cedar's HR admin accepts on the Coalitions page.
  const hr = await signedIn(browser, 'hr@cedar.example')
  await hr.getByRole('navigation', { name: 'Employer admin navigation' }).getByRole('link', { name: 'Coalitions' }).click()
  await expect(hr).toHaveURL(/\/employer\/coalitions$/)
  const invitation = hr.getByRole('listitem').filter({ hasText: 'Great Lakes Employers Coalition (demo)' })
  await expect(invitation).toContainText('If you accept, your organization is a member from today')
  for (const size of [{ width: 375, height: 812 }, { width: 1280, height: 800 }]) {
    await hr.setViewportSize(size)
    expect(await axeReport(hr)).toEqual([])
  }
  await invitation.getByRole('button', { name: 'Accept and join Great Lakes Employers Coalition (demo)' }).click()
  const memberships = hr.getByRole('group', { name: 'Your coalition memberships and their dates' })
  await expect(memberships.getByRole('row', { name: /Great Lakes Employers Coalition \(demo\)/ })).toContainText('Member')
  await expect(hr.getByText('No open invitation.')).toBeVisible()
  await hr.screenshot({ path: 'tests/.tmp/coalitions-employer.png', fullPage: true })

  // The coalition's home lists Cedar as a member from today.
  await coalition.reload()
  const cedar = members.getByRole('row', { name: /Cedar Ridge Schools/ })
  await expect(cedar).toContainText('Member')
  await expect(cedar).toContainText(new Date(`${today}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }))
  await expect(cedar.getByRole('button', { name: 'End the membership' })).toBeVisible()
  for (const size of [{ width: 375, height: 812 }, { width: 1280, height: 800 }]) {
    await coalition.setViewportSize(size)
    expect(await axeReport(coalition)).toEqual([])
    await coalition.screenshot({ path: `tests/.tmp/coalitions-home-${size.width}.png`, fullPage: true })
  }
})
