import { expect, test } from './test'
import { signedIn, signedUpMember } from './session'

/*
 * Issue 22: the care team shares a travel itinerary on a member's case; a program renamed
 * .pdf is refused by its bytes; the member downloads the itinerary from their case page.
 */
const ITINERARY = Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% e2e itinerary ${Date.now()}\n%%EOF\n`)
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(62, 0x90), Buffer.from('This program cannot be run in DOS mode.')])

test('the coordinator uploads an itinerary, an EXE renamed .pdf is refused, the member downloads the itinerary', async ({ browser }) => {
  test.setTimeout(90_000)
  // A member of its own (the seed's fourth Acme member signs up) asks for care at a covered knee center.
  const member = await signedUpMember(browser, 'A000004')
  await member.goto('/member/care')
  await member.getByLabel('Operation').selectOption({ label: 'Total knee replacement' })
  await member.getByLabel('Distance from home').selectOption({ label: 'Within 500 miles' })
  await member.getByRole('button', { name: 'Search', exact: true }).click()
  // The page first lists the default procedure (hip): wait for the knee search, or the first hip center is clicked.
  await expect(member).toHaveURL(/procedure=TKA.*radius=500/)
  await member.getByRole('list', { name: 'Covered centers' }).locator(':scope > li').first().getByRole('heading').getByRole('link').click()
  await member.getByLabel('How should we contact you?').selectOption('email')
  await member.getByRole('button', { name: 'Ask for care' }).click()
  await expect(member.getByRole('heading', { name: 'We have your request' })).toBeVisible()
  const caseId = new URL(member.url()).pathname.split('/').pop()!
  const fileName = `itinerary-${Date.now()}.pdf`

  const coordinator = await signedIn(browser, 'coordinator@coe-platform.example')
  await coordinator.goto(`/coordinator/cases/${caseId}`)
  const documents = coordinator.getByRole('region', { name: 'Documents' })
  await documents.getByLabel('What it is').selectOption({ label: 'Travel itinerary' })
  await documents.getByLabel('File').setInputFiles({ name: fileName, mimeType: 'application/pdf', buffer: ITINERARY })
  await documents.getByRole('button', { name: 'Add the document' }).click()
  await expect(coordinator).toHaveURL(new RegExp(`/coordinator/cases/${caseId}(#documents)?$`))
  await expect(coordinator.getByRole('region', { name: 'Documents' }).getByRole('link', { name: fileName })).toBeVisible()

  // A Windows program named like a PDF (and declared as one by the browser) is refused by its bytes.
  await coordinator.getByRole('region', { name: 'Documents' }).getByLabel('File').setInputFiles({ name: 'itinerary.pdf', mimeType: 'application/pdf', buffer: EXE })
  await coordinator.getByRole('region', { name: 'Documents' }).getByRole('button', { name: 'Add the document' }).click()
  await expect(coordinator.getByText('This file is a Windows program (EXE), not a PDF, PNG, JPEG or text file: nothing was saved.')).toBeVisible()
  await expect(coordinator.getByLabel('File')).toHaveAttribute('aria-invalid', 'true')

  // The member sees it on their case page and downloads exactly the bytes uploaded.
  await member.goto(`/member/cases/${caseId}`)
  const link = member.getByRole('link', { name: new RegExp(fileName.replace('.', '\\.')) })
  await expect(link).toBeVisible()
  const [download] = await Promise.all([member.waitForEvent('download'), link.click()])
  expect(download.suggestedFilename()).toBe(fileName)
  const path = await download.path()
  const { readFileSync } = await import('node:fs')
  expect(readFileSync(path).equals(ITINERARY)).toBe(true)
})
