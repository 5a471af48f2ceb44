import { expect, test, type Page } from './test'
import { axeReport } from './axe'
import { signedIn, signedUpMember } from './session'

/*
 * Issue 22's "Show": the demo member asks for a hip replacement and to be called, giving a phone
 * number; the care coordinator finds the new case in the queue with the member's unread message,
 * sees the number formatted, and writes to the member; the member reads it, switches to Spanish,
 * answers and cancels with a reason; the coordinator sees the answer as unread in the queue, and
 * the case cancelled with the reason. The member is the seed's third Acme member, who signs up
 * here: the demo member's hip request is the accessibility journey's (one open case per procedure).
 */

async function expectNoAxeViolations(page: Page) {
  expect(await axeReport(page)).toEqual([])
}

test('a member asks for care by phone, the coordinator sees the number and writes, the member answers in Spanish and cancels', async ({ browser }) => {
  test.setTimeout(120_000)
  const tag = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`
  const question = `Can you call me after 5 pm? (${tag})`
  const note = `Please call me in the afternoon (${tag})`
  const coordinatorText = `We will call you tomorrow at 5:30 pm to plan your visit (${tag})`
  const answer = `Gracias, a las 5:30 está bien (${tag})`
  const reason = `Me mudo a otra ciudad (${tag})`

  // A member of its own (the seed's third Acme member creates an account), so no other journey's
  // open hip request for the demo member stands in the way; then finds a covered hip center and
  // asks for care there, to be called.
  const member = await signedUpMember(browser, 'A000003')
  const memberName = (await member.locator('.whoami__name').textContent())!.trim()
  await member.getByRole('navigation').getByRole('link', { name: 'Find care' }).click()
  await member.getByLabel('Operation').selectOption({ label: 'Total hip replacement' })
  await member.getByLabel('Distance from home').selectOption({ label: 'Within 500 miles' })
  await member.getByRole('button', { name: 'Search', exact: true }).click()
  await expect(member).toHaveURL(/procedure=THA.*radius=500/)
  const center = member.getByRole('list', { name: 'Covered centers' }).locator(':scope > li').first().getByRole('heading').getByRole('link')
  const centerName = (await center.textContent())!.trim()
  await center.click()
  await expect(member.getByRole('heading', { level: 1, name: centerName })).toBeVisible()
  await member.getByLabel('How should we contact you?').selectOption('phone')
  // A number without its area code is refused next to the field, and nothing is asked.
  await member.getByLabel('Phone number for the call or text').fill('555-0134')
  await member.getByRole('button', { name: 'Ask for care' }).click()
  await expect(member.getByText('Enter a US phone number with area code, like (614) 555-0123')).toBeVisible()
  await expect(member.getByLabel('Phone number for the call or text')).toHaveAttribute('aria-invalid', 'true')
  await expect(member).toHaveURL(/\/member\/care\//)
  await member.getByLabel('Phone number for the call or text').fill('415.555.0134')
  await member.getByLabel('Anything we should know? (optional)').fill(note)
  await member.getByRole('button', { name: 'Ask for care' }).click()
  await expect(member.getByRole('heading', { name: 'We have your request' })).toBeVisible()
  await expect(member).toHaveURL(/\/member\/cases\/[^/?]+\?requested=1$/)
  const caseId = new URL(member.url()).pathname.split('/').pop()!
  await expect(member.locator('dd', { hasText: 'by phone · (415) 555-0134' })).toBeVisible()

  // The member writes first: the care team has one unread message.
  const memberThread = member.getByRole('region', { name: 'Messages with your care team' })
  await expect(memberThread).toContainText('No messages yet.')
  await memberThread.getByLabel('Your message').fill(question)
  await memberThread.getByRole('button', { name: 'Send message' }).click()
  await expect(member.getByRole('status')).toHaveText('Your message was sent.')
  await expect(memberThread.getByRole('listitem').filter({ hasText: question })).toContainText('You')

  // The coordinator finds the new request in the queue, with the member's message unread.
  const coordinator = await signedIn(browser, 'coordinator@coe-platform.example')
  await expect(coordinator.getByRole('heading', { level: 1, name: 'Case queue' })).toBeVisible()
  await coordinator.getByLabel('Status', { exact: true }).selectOption({ label: 'Requested' })
  await coordinator.getByLabel('Procedure').selectOption({ label: 'Total hip replacement' })
  await coordinator.getByRole('button', { name: 'Filter' }).click()
  await expect(coordinator).toHaveURL(/status=requested/)
  // Newest requests first.
  await coordinator.getByRole('link', { name: /^Requested\W+sorted ascending; sort descending$/ }).click()
  await expect(coordinator).toHaveURL(/dir=desc/)
  const queueRow = coordinator.getByRole('row').filter({ has: coordinator.locator(`a[href="/coordinator/cases/${caseId}"]`) })
  await expect(queueRow).toContainText(memberName)
  await expect(queueRow).toContainText(centerName)
  await expect(queueRow.getByRole('cell', { name: '1 unread message from the member' })).toBeVisible()
  // The column says nothing for cases without unread messages.
  await expect(coordinator.getByRole('columnheader', { name: 'Messages' })).toBeVisible()

  // The case: the number formatted (a link to call it), the note and the member's message.
  await queueRow.getByRole('link', { name: memberName }).click()
  await expect(coordinator).toHaveURL(new RegExp(`/coordinator/cases/${caseId}$`))
  await expect(coordinator.getByRole('heading', { level: 1, name: `${memberName}: Total hip replacement` })).toBeVisible()
  const call = coordinator.getByRole('link', { name: '(415) 555-0134' })
  await expect(call).toHaveAttribute('href', 'tel:+14155550134')
  await expect(coordinator.locator('dd', { hasText: 'Phone call · (415) 555-0134' })).toBeVisible()
  await expect(coordinator.locator('dd', { hasText: note })).toBeVisible()
  await expect(coordinator.getByRole('link', { name: '1 unread message' })).toBeVisible()
  const teamThread = coordinator.getByRole('region', { name: 'Messages with the member' })
  await expect(teamThread.getByRole('listitem').filter({ hasText: question })).toContainText('Member')
  await expectNoAxeViolations(coordinator)
  await teamThread.getByLabel('Your message').fill(coordinatorText)
  await teamThread.getByRole('button', { name: 'Send message' }).click()
  await expect(coordinator).toHaveURL(new RegExp(`/coordinator/cases/${caseId}#messages-heading$`))
  await expect(teamThread.getByRole('listitem').filter({ hasText: coordinatorText })).toContainText('care team')
  // Read on this visit: the queue shows nothing unread for the case any more.
  await coordinator.goto('/coordinator?status=requested&sort=requested&dir=desc')
  await expect(coordinator.locator(`a[href="/coordinator/cases/${caseId}"]`).first()).toBeAttached()
  await expect(coordinator.getByRole('row').filter({ has: coordinator.locator(`a[href="/coordinator/cases/${caseId}"]`) }).getByText(/unread/)).toHaveCount(0)

  // The member sees that a message is waiting, on the list and on the case.
  await member.getByRole('navigation').getByRole('link', { name: 'My cases' }).click()
  const listItem = member.getByRole('listitem').filter({ has: member.locator(`a[href="/member/cases/${caseId}"]`) })
  await expect(listItem).toContainText('New messages: 1')
  await listItem.getByRole('link').click()
  await expect(memberThread.getByRole('heading', { name: 'Messages with your care team 1 new' })).toBeVisible()
  await expect(memberThread.getByRole('listitem').filter({ hasText: coordinatorText })).toContainText('care team')
  await expectNoAxeViolations(member)

  // In Spanish: the page, then the answer and the cancel with a reason in Spanish forms.
  await member.getByRole('button', { name: 'Ver en español' }).click()
  await expect(member.locator('html')).toHaveAttribute('lang', 'es')
  const hilo = member.getByRole('region', { name: 'Mensajes con su equipo de atención' })
  await expect(hilo).toBeVisible()
  await expect(member.getByRole('heading', { level: 1, name: `Reemplazo total de cadera en ${centerName}` })).toBeVisible()
  await expect(hilo.getByRole('listitem').filter({ hasText: coordinatorText })).toContainText('equipo de atención')
  await expect(hilo.getByRole('listitem').filter({ hasText: question })).toContainText('Usted')
  await hilo.getByLabel('Su mensaje').fill(answer)
  await hilo.getByRole('button', { name: 'Enviar mensaje' }).click()
  await expect(member.getByRole('status')).toHaveText('Su mensaje fue enviado.')
  await expect(hilo.getByRole('listitem').filter({ hasText: answer })).toContainText('Usted')

  const cancelar = member.getByRole('region', { name: 'Cancelar esta solicitud' })
  // Without a reason: refused in Spanish, and the case stays requested.
  await cancelar.getByRole('button', { name: 'Cancelar mi solicitud' }).click()
  await expect(cancelar.getByText('Elija por qué cancela')).toBeVisible()
  await expect(member.locator('.page-head .badge')).toHaveText('Solicitado')
  await cancelar.getByRole('group', { name: '¿Por qué cancela?' }).getByLabel('Otro motivo').check()
  await cancelar.getByLabel('En sus palabras').fill(reason)
  await cancelar.getByRole('button', { name: 'Cancelar mi solicitud' }).click()
  await expect(member.getByRole('status')).toHaveText('Su solicitud está cancelada.')
  await expect(member.locator('.page-head .badge')).toHaveText('Cancelado')
  await expect(member.locator('dd', { hasText: reason })).toBeVisible()
  await expect(member.getByRole('region', { name: 'Cancelar esta solicitud' })).toHaveCount(0)

  // The coordinator: the answer unread in the queue, then the case cancelled with the member's reason.
  await coordinator.goto('/coordinator')
  await coordinator.getByLabel('Status', { exact: true }).selectOption({ label: 'Cancelled' })
  await coordinator.getByLabel('Procedure').selectOption({ label: 'Total hip replacement' })
  await coordinator.getByRole('button', { name: 'Filter' }).click()
  await expect(coordinator).toHaveURL(/status=cancelled/)
  await coordinator.getByRole('link', { name: /^Requested\W+sorted ascending; sort descending$/ }).click()
  await expect(coordinator).toHaveURL(/dir=desc/)
  const cancelledRow = coordinator.getByRole('row').filter({ has: coordinator.locator(`a[href="/coordinator/cases/${caseId}"]`) })
  await expect(cancelledRow).toContainText('Cancelled')
  await expect(cancelledRow.getByRole('cell', { name: '1 unread message from the member' })).toBeVisible()
  await cancelledRow.getByRole('link', { name: memberName }).click()
  await expect(coordinator.locator('.page-head .badge').first()).toHaveText('Cancelled')
  await expect(coordinator.getByRole('link', { name: '1 unread message' })).toBeVisible()
  await expect(teamThread.getByRole('listitem').filter({ hasText: answer })).toContainText('Member')
  const timeline = coordinator.getByRole('region', { name: 'Timeline' }).getByRole('listitem')
  await expect(timeline.filter({ hasText: 'Cancelled' })).toContainText(reason)
  // Nothing more to move the case on to, and no unread message left in the queue.
  await expect(coordinator.getByRole('button', { name: 'Save the change' })).toHaveCount(0)
  await expectNoAxeViolations(coordinator)
  await coordinator.goto('/coordinator?status=cancelled&sort=requested&dir=desc')
  await expect(coordinator.locator(`a[href="/coordinator/cases/${caseId}"]`).first()).toBeAttached()
  await expect(coordinator.getByRole('row').filter({ has: coordinator.locator(`a[href="/coordinator/cases/${caseId}"]`) }).getByText(/unread/)).toHaveCount(0)
})
