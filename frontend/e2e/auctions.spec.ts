// Auctions: a player puts a card up for auction; another, watching the auction's page, bids; the
// seller's open page shows the bid live (auctionChanged); the admin ends the auction early and the
// bidder's page shows it sold to them while the card lands in their inventory.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, adminGrant, contextsFor, sellAndBuy, expectLive, expectToast, fill, formErrors, go, layoutReport, russian, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { auctions: { status: Record<string, string> }; errors: { AuctionErrorCode: Record<string, string> } }
let contexts: BrowserContext[] = []
let seller: Page
let bidder: Page
let admin: Page
let sellerName = ''
let bidderName = ''
let card = ''
let auctionPath = ''

test.beforeAll(async ({ browser }, info) => {
  const tag = Math.random().toString(36).slice(2, 7)
  sellerName = `a_sell${tag}`
  bidderName = `a_bid${tag}`
  card = `Auction card ${tag}`
  ;({ contexts, pages: [seller, bidder, admin] } = await contextsFor(browser, info, 3))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('two players sign up, get coins, and the seller buys a card', async () => {
  await signUp(seller, sellerName)
  await signUp(bidder, bidderName)
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await adminGrant(admin, sellerName, 20, 'e2e auctions')
  await adminGrant(admin, bidderName, 100, 'e2e auctions')
  await sellAndBuy(admin, seller, card, 20, 'Made by the e2e auctions test')
})

test('the seller lists the card for a day from 10 with a buyout of 80', async () => {
  await go(seller, '/auctions')
  await expect(seller.getByTestId('auction-form')).toBeVisible()
  // the inventory may still be loading (the select is disabled until then): open it until the card shows
  await expect(async () => {
    await seller.getByTestId('auction-item').click()
    await seller.locator('.n-base-select-option', { hasText: card }).first().click({ timeout: 2000 })
  }).toPass()
  await fill(seller, 'auction-start', 10)
  await fill(seller, 'auction-buyout', 5)
  await seller.getByTestId('auction-submit').click()
  // a buyout under the start price is refused next to its field
  const feedback = seller.locator('[data-testid=field-buyoutPrice] .n-form-item-feedback__line')
  await expect(feedback.filter({ hasText: ru.errors.AuctionErrorCode.INVALID_BUYOUT }).first()).toBeVisible()
    .catch(async (error: Error) => { throw new Error(`${error.message}\nthe form shows: ${await formErrors(seller)}`) })
  await fill(seller, 'auction-buyout', 80)
  await seller.getByTestId('auction-days-1').click()
  await seller.getByTestId('auction-submit').click()
  await seller.waitForURL(/\/auctions\/\d+$/)
  auctionPath = new URL(seller.url()).pathname
  await expect(seller.getByTestId('auction-status')).toHaveText(ru.auctions.status.OPEN)
  await expect(seller.getByTestId('auction-countdown')).toBeVisible()
})

test('the bidder bids from the list; the seller sees the bid arrive live', async () => {
  await expectLive(seller, 'seller')
  await go(bidder, '/auctions')
  await bidder.locator('[data-testid^=auction-row-]', { hasText: card }).first().click()
  await bidder.waitForURL(/\/auctions\/\d+$/)
  expect(new URL(bidder.url()).pathname).toBe(auctionPath)
  await expect(bidder.getByTestId('bid-amount').locator('input')).toHaveValue('10')
  await bidder.getByTestId('bid-submit').click()
  await expect(bidder.getByTestId('auction-leading')).toBeVisible()
  await expect(seller.getByTestId('auction-leader')).toHaveText(bidderName)
  await expect(seller.getByTestId('auction-current')).toContainText('10')
  await shot(bidder, 'desktop-auction')
})

test('the admin ends the auction early and the winner gets the card', async () => {
  await expectLive(bidder, 'bidder')
  await go(admin, auctionPath)
  await admin.getByTestId('auction-end').click()
  await expect(admin.getByTestId('auction-status')).toHaveText(ru.auctions.status.SOLD)
  // the bidder's open page follows the settlement live
  await expect(bidder.getByTestId('auction-status')).toHaveText(ru.auctions.status.SOLD)
  await expect(bidder.getByTestId('auction-outcome')).toContainText(bidderName)
  await go(bidder, '/inventory')
  await expect(bidder.locator(`[data-item-name="${card}"]`)).toBeVisible()
})

test('on a phone the auction pages fit the screen with touch-sized controls', async () => {
  await bidder.setViewportSize({ width: 360, height: 740 })
  for (const [path, ready] of [['/auctions', 'auction-form'], [auctionPath, 'auction-detail']] as const) {
    await go(bidder, path)
    await expect(bidder.getByTestId(ready)).toBeVisible()
    await expect.poll(() => layoutReport(bidder), { message: `${path}: no horizontal overflow and no touch target under 44 px` })
      .toEqual({ overflowPx: 0, smallTargets: [] })
  }
  await shot(bidder, 'phone-auction')
})
