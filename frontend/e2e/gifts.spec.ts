// Gifts: the admin funds a player, who sends another player coins with a message; the recipient,
// with the gifts page open, sees the gift arrive (a `gift.received` notification refreshes it).
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, expectLive, expectToast, fill, formErrors, go, russian, shot, signIn, signUp, contextsFor } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { errors: { GiftErrorCode: Record<string, string> } }
let contexts: BrowserContext[] = []
let sender: Page
let recipient: Page
let admin: Page
let from = ''
let to = ''

test.beforeAll(async ({ browser }, info) => {
  const tag = Math.random().toString(36).slice(2, 7)
  from = `g_from${tag}`
  to = `g_to${tag}`
  ;({ contexts, pages: [sender, recipient, admin] } = await contextsFor(browser, info, 3))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('two players sign up and the admin funds the sender', async () => {
  await signUp(sender, from)
  await signUp(recipient, to)
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await go(admin, '/admin/grant')
  await fill(admin, 'grant-username', from)
  await fill(admin, 'grant-amount', 100)
  await fill(admin, 'grant-reason', 'e2e gifts')
  await admin.getByTestId('grant-submit').click()
  await expectToast(admin, from, 'admin grant')
})

test('a gift to yourself is refused next to the recipient', async () => {
  await go(sender, '/gifts')
  await expect(sender.getByTestId('gift-form')).toBeVisible()
  await fill(sender, 'gift-username', from)
  await fill(sender, 'gift-amount', 5)
  await sender.getByTestId('gift-submit').click()
  const feedback = sender.locator('[data-testid=field-username] .n-form-item-feedback__line')
  await expect(feedback.filter({ hasText: ru.errors.GiftErrorCode.SELF_GIFT }).first()).toBeVisible()
    .catch(async (error: Error) => { throw new Error(`${error.message}\nthe form shows: ${await formErrors(sender)}`) })
})

test('the recipient sees the gift arrive on the open gifts page', async () => {
  await go(recipient, '/gifts')
  await expectLive(recipient, 'recipient')
  await expect(recipient.getByTestId('gifts-empty')).toBeVisible()
  await expect(sender.getByTestId('gifts-left')).toHaveText(/10/)
  await fill(sender, 'gift-username', to)
  await fill(sender, 'gift-amount', 7)
  await fill(sender, 'gift-message-input', 'с праздником')
  await sender.getByTestId('gift-submit').click()
  await expectToast(sender, to, 'sending the gift')
  await expect(sender.getByTestId('gifts-left')).toHaveText(/9/)
  await expect(sender.locator('[data-testid=gift-row][data-direction=sent]').first()).toContainText(to)

  const row = recipient.locator('[data-testid=gift-row][data-direction=received]').first()
  await expect(row).toContainText(from)
  await expect(row).toContainText('7')
  await expect(row.getByTestId('gift-message')).toHaveText('“с праздником”')
  await shot(recipient, 'desktop-gifts')
})
