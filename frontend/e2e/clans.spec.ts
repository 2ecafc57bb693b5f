// Clans: a player founds a clan and lands on its page; a second player finds it by name and joins;
// the newcomer contributes to the treasury (with an idempotency key) and both see it; the founder
// is told of the join; the page fits a 360 px phone.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, adminGrant, contextsFor, expectToast, fill, go, layoutReport, russian, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { clans: { role: Record<string, string> }; errors: { ClanErrorCode: Record<string, string> } }
let contexts: BrowserContext[] = []
let founder: Page
let joiner: Page
let admin: Page
let lead = ''
let member = ''
let clanName = ''

test.beforeAll(async ({ browser }, info) => {
  const tag = Math.random().toString(36).slice(2, 7)
  lead = `c_lead${tag}`
  member = `c_mem${tag}`
  clanName = `Owls ${tag}`
  ;({ contexts, pages: [founder, joiner, admin] } = await contextsFor(browser, info, 3))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('two players sign up and the admin funds the newcomer', async () => {
  await signUp(founder, lead)
  await signUp(joiner, member)
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await adminGrant(admin, member, 100, 'e2e clans')
})

test('a player founds a clan and leads it', async () => {
  await go(founder, '/clans')
  await expect(founder.getByTestId('clan-create-form')).toBeVisible()
  await fill(founder, 'clan-name', 'ab')
  await founder.getByTestId('clan-create').click()
  await expect(founder.locator('[data-testid=field-name] .n-form-item-feedback__line').filter({ hasText: ru.errors.ClanErrorCode.INVALID_NAME })).toBeVisible()
  await fill(founder, 'clan-name', clanName)
  await founder.getByTestId('clan-create').click()
  await expectToast(founder, clanName, 'founding the clan')
  await expect(founder.getByTestId('clan-header')).toContainText(clanName)
  await expect(founder.locator(`[data-testid=clan-member][data-username=${lead}]`)).toHaveAttribute('data-role', 'LEADER')
  await expect(founder.getByTestId('clan-chat')).toHaveAttribute('href', '/chat')
})

test('a second player finds the clan by name and joins it', async () => {
  await go(joiner, '/clans')
  await fill(joiner, 'clan-search', clanName)
  await joiner.getByTestId('clan-search-submit').click()
  const row = joiner.locator(`[data-testid=clan-row][data-name="${clanName}"]`)
  await expect(row).toBeVisible()
  await row.getByTestId('clan-join').click()
  await expectToast(joiner, clanName, 'joining the clan')
  await expect(joiner.getByTestId('clan-member-count')).toContainText('2')
  await expect(joiner.locator(`[data-testid=clan-member][data-username=${member}]`)).toHaveAttribute('data-role', 'MEMBER')
})

test('the newcomer contributes and both see the treasury', async () => {
  await fill(joiner, 'clan-contribute-amount', 30)
  await joiner.getByTestId('clan-contribute').click()
  await expectToast(joiner, '30', 'contributing to the treasury')
  await expect(joiner.getByTestId('clan-treasury-amount')).toHaveAttribute('data-amount', '30')
  await fill(joiner, 'clan-contribute-amount', 500)
  await joiner.getByTestId('clan-contribute').click()
  await expect(joiner.locator('[data-testid=field-contribute-amount] .n-form-item-feedback__line').filter({ hasText: ru.errors.ClanErrorCode.INSUFFICIENT_FUNDS })).toBeVisible()
  await expect(joiner.getByTestId('clan-treasury-amount')).toHaveAttribute('data-amount', '30')

  await founder.reload()
  await expect(founder.getByTestId('clan-treasury-amount')).toHaveAttribute('data-amount', '30')
  await expect(founder.locator(`[data-testid=clan-member][data-username=${member}]`)).toBeVisible()
  await expect(founder.getByTestId('clan-pay-form')).toBeVisible()
  await expect(founder.getByTestId('clan-board')).toBeVisible()
  await shot(founder, 'desktop-clan')
  await founder.setViewportSize({ width: 360, height: 740 })
  await expect.poll(() => layoutReport(founder), { message: '/clans/:id: no horizontal overflow and no touch target under 44 px' })
    .toEqual({ overflowPx: 0, smallTargets: [] })
  await shot(founder, 'phone-clan')
  await go(founder, '/clans')
  await expect(founder.getByTestId('my-clan')).toContainText(clanName)
  await expect.poll(() => layoutReport(founder), { message: '/clans: no horizontal overflow and no touch target under 44 px' })
    .toEqual({ overflowPx: 0, smallTargets: [] })
  await founder.setViewportSize({ width: 1366, height: 900 })
})
