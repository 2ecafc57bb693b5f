// Referrals: a player opens the referrals page (the code, its invite link, the milestones); a friend
// opens the invite link, the sign-up form has the code filled in, and the new account shows on the
// referrer's list as pending; an unknown code is refused next to its field and creates no account;
// a moderator's review page opens; the page fits a phone.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, PLAYER_PASSWORD, base, fill, formErrors, go, layoutReport, russian, shot, signIn, signUp, contextsFor } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as {
  referrals: { status: Record<string, string> }
  errors: { AuthErrorCode: Record<string, string> }
}
let contexts: BrowserContext[] = []
let referrer: Page
let friend: Page
let admin: Page
let name = ''
let code = ''

test.beforeAll(async ({ browser }, info) => {
  name = `r_ref${Math.random().toString(36).slice(2, 7)}`
  ;({ contexts, pages: [referrer, friend, admin] } = await contextsFor(browser, info, 3))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('a player sees their code, its invite link and the milestones', async () => {
  await signUp(referrer, name)
  await go(referrer, '/referrals')
  const shown = referrer.getByTestId('referral-code')
  await expect(shown).toHaveText(/^[A-HJ-KM-NP-Z2-9]{8}$/)
  code = (await shown.textContent())?.trim() ?? ''
  await expect(referrer.getByTestId('referral-link')).toHaveText(`${base()}/signup?ref=${code}`)
  await expect(referrer.getByTestId('referral-milestones').locator('li')).toHaveCount(4)
  await expect(referrer.getByTestId('referrals-empty')).toBeVisible()
})

test('an unknown code is refused next to its field and creates no account', async () => {
  await go(friend, '/signup?ref=ZZZZZZZZ')
  await fill(friend, 'auth-username', `${name}x`)
  await fill(friend, 'auth-password', PLAYER_PASSWORD)
  await friend.getByTestId('auth-submit').click()
  await expect(friend.getByTestId('field-referral-code')).toContainText(ru.errors.AuthErrorCode.INVALID_REFERRAL)
  await expect(friend).toHaveURL(/\/signup/)
})

test('a friend signs up through the invite link and shows as pending to the referrer', async () => {
  await go(friend, `/signup?ref=${code}`)
  await expect(friend.locator('[data-testid=auth-referral-code] input')).toHaveValue(code)
  await fill(friend, 'auth-username', `${name}f`)
  await fill(friend, 'auth-password', PLAYER_PASSWORD)
  await friend.getByTestId('auth-submit').click()
  await friend.waitForURL(`${base()}/`).catch(async () => {
    throw new Error(`sign-up with the code failed; the form shows: ${await formErrors(friend)}`)
  })
  await go(friend, '/referrals')
  await expect(friend.getByTestId('my-referrer')).toContainText(name)
  await go(referrer, '/referrals')
  const row = referrer.locator(`[data-testid=referrals-list] li[data-username=${name}f]`)
  await expect(row).toContainText(ru.referrals.status.PENDING)
  await expect(referrer.getByTestId('count-pending')).toHaveText('1')
  await shot(referrer, 'desktop-referrals')
})

test('a moderator opens the held referrals', async () => {
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await go(admin, '/referrals/review')
  await expect(admin.getByTestId('held-empty').or(admin.getByTestId('held-list'))).toBeVisible()
})

test('on a phone the referrals page fits the screen', async () => {
  await referrer.setViewportSize({ width: 360, height: 740 })
  await go(referrer, '/referrals')
  await expect(referrer.getByTestId('referral-code')).toHaveText(code)
  const report = await layoutReport(referrer)
  expect(report.overflowPx, 'no horizontal overflow on a phone').toBe(0)
  await shot(referrer, 'phone-referrals')
})
