// The bank: a funded player opens a deposit and withdraws it early (10% forfeited), takes a loan,
// sees its schedule and repays it at once; the history names the bank. Desktop and phone shots.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, expectToast, fill, formErrors, go, russian, shot, signIn, signUp, contextsFor } from './support'

test.describe.configure({ mode: 'serial' })

type Tree = { [key: string]: string | Tree }
const ru = russian() as Tree & { bank: Tree & Record<string, Record<string, Record<string, string>>>; history: { party: Record<string, string> }; errors: { BankErrorCode: Record<string, string> } }
let contexts: BrowserContext[] = []
let player: Page
let admin: Page
let name = ''

test.beforeAll(async ({ browser }, info) => {
  name = `b_${Math.random().toString(36).slice(2, 8)}`
  ;({ contexts, pages: [player, admin] } = await contextsFor(browser, info, 2))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('a player signs up and the admin funds them', async () => {
  await signUp(player, name)
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await go(admin, '/admin/grant')
  await fill(admin, 'grant-username', name)
  await fill(admin, 'grant-amount', 1000)
  await fill(admin, 'grant-reason', 'e2e bank')
  await admin.getByTestId('grant-submit').click()
  await expectToast(admin, name, 'admin grant')
})

test('a deposit larger than the balance is refused next to the amount', async () => {
  await go(player, '/bank')
  await expect(player.getByTestId('deposits-empty')).toBeVisible()
  await fill(player, 'deposit-amount', 5000)
  await player.getByTestId('deposit-submit').click()
  const feedback = player.locator('[data-testid=field-deposit-amount] .n-form-item-feedback__line')
  await expect(feedback.filter({ hasText: ru.errors.BankErrorCode.INSUFFICIENT_FUNDS }).first()).toBeVisible()
    .catch(async (error: Error) => { throw new Error(`${error.message}\nthe form shows: ${await formErrors(player)}`) })
})

test('a deposit for 7 days, withdrawn early, forfeits a tenth', async () => {
  await fill(player, 'deposit-amount', 500)
  await player.getByTestId('deposit-term-7').click()
  await player.getByTestId('deposit-submit').click()
  const card = player.getByTestId('deposit-list')
  await expect(card.getByTestId('deposit-status')).toHaveText(ru.bank.deposit.status.OPEN as string)
  await expect(card.getByTestId('deposit-balance')).toContainText('500')
  await card.getByTestId('deposit-withdraw').click()
  await player.locator('.n-popconfirm__action button').last().click()
  await expect(card.getByTestId('deposit-status')).toHaveText(ru.bank.deposit.status.WITHDRAWN as string)
  await expect(card).toContainText('50')
})

test('a loan shows its schedule and is repaid at once', async () => {
  await expect(player.getByTestId('credit-score-value')).toHaveText(/\d{3}/)
  await fill(player, 'loan-amount', 300)
  await player.getByTestId('loan-term-7').click()
  await player.getByTestId('loan-submit').click()
  const loan = player.getByTestId('loan-list')
  await expect(loan.getByTestId('loan-status')).toHaveText(ru.bank.loan.status.OPEN as string)
  await expect(loan.getByTestId('loan-next')).toBeVisible()
  await expect(player.getByTestId('loan-open-note')).toBeVisible()
  await loan.locator('.n-collapse-item__header').click()
  await expect(loan.getByTestId('loan-schedule').locator('tbody tr')).toHaveCount(7)
  await shot(player, 'desktop-bank')
  await player.setViewportSize({ width: 360, height: 740 })
  await shot(player, 'phone-bank')
  const overflow = await player.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
  expect(overflow, 'the bank page fits a phone').toBeLessThanOrEqual(1)
  await loan.getByTestId('repay-all').click()
  await expect(loan.getByTestId('loan-status')).toHaveText(ru.bank.loan.status.REPAID as string)
  await player.setViewportSize({ width: 1366, height: 900 })
})

test('the history names the bank for every banking movement', async () => {
  await go(player, '/history')
  await expect(player.getByText(ru.history.party.BANK_OUT).first()).toBeVisible()
  await expect(player.getByText(ru.history.party.BANK_IN).first()).toBeVisible()
})
