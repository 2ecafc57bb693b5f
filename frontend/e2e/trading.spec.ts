// Trading: a buyer offers coins for an item the seller bought in the shop; the seller, with the
// market page open, sees the offer arrive, accepts it, and both sides have swapped (5% fee on coins).
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { ADMIN_PASSWORD, adminGrant, contextsFor, sellAndBuy, expectAmount, expectLive, expectToast, fill, go, layoutReport, russian, shot, signIn, signUp } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { trading: Record<string, string> }
let contexts: BrowserContext[] = []
let buyer: Page
let seller: Page
let admin: Page
let buyerName = ''
let sellerName = ''
let card = ''

test.beforeAll(async ({ browser }, info) => {
  const tag = Math.random().toString(36).slice(2, 7)
  buyerName = `t_buy${tag}`
  sellerName = `t_sell${tag}`
  card = `Trade card ${tag}`
  ;({ contexts, pages: [buyer, seller, admin] } = await contextsFor(browser, info, 3))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('two players sign up, get coins, and the seller buys a card', async () => {
  await signUp(buyer, buyerName)
  await signUp(seller, sellerName)
  await signIn(admin, 'admin', ADMIN_PASSWORD)
  await adminGrant(admin, buyerName, 100, 'e2e trading')
  await adminGrant(admin, sellerName, 20, 'e2e trading')
  await sellAndBuy(admin, seller, card, 20, 'Made by the e2e trading test')
})

test('the buyer offers 40 COIN for the card; the seller sees it arrive and accepts', async () => {
  await go(seller, '/market')
  await expectLive(seller, 'seller')
  await expect(seller.getByTestId('open-empty')).toBeVisible()

  await go(buyer, '/market')
  await expect(buyer.getByTestId('trade-form')).toBeVisible()
  await fill(buyer, 'trade-username', sellerName)
  await buyer.getByTestId('add-give').click()
  await fill(buyer, 'good-give-0-amount', 40)
  await buyer.getByTestId('add-want').click()
  await buyer.getByTestId('good-want-0-item').click()
  await fill(buyer, 'good-want-0-amount', 1)
  await buyer.getByTestId('good-want-0-select').click()
  await buyer.locator('.n-base-select-option', { hasText: card }).first().click()
  await buyer.getByTestId('trade-submit').click()
  await expectToast(buyer, sellerName, 'sending the offer')

  const offer = seller.locator('[data-testid^=offer-][data-incoming=true][data-status=OPEN]').first()
  await expect(offer).toContainText(buyerName)
  await expect(offer.getByTestId('offer-gets')).toContainText('40')
  await expect(offer.getByTestId('offer-gives')).toContainText(card)
  await shot(seller, 'desktop-market')
  await offer.getByTestId('offer-accept').click()
  await expectToast(seller, ru.trading.accepted, 'accepting the offer')

  // 40 − 2 (5% fee) arrive; the card went to the buyer
  await go(seller, '/')
  await expectAmount(seller.locator('[data-testid="balance-COIN"] [data-testid=balance-amount]'), '38', 'the seller holds 38 COIN')
  await go(buyer, '/inventory')
  await expect(buyer.locator(`[data-testid=inventory-entry][data-item-name="${card}"]`), `${card} is in the buyer's inventory`).toBeVisible()
  await go(buyer, '/market')
  await buyer.locator('.n-tabs-tab', { hasText: ru.trading.historyTab }).click()
  await expect(buyer.locator('[data-testid^=offer-][data-status=ACCEPTED]').first()).toContainText(sellerName)
})

test('the market fits a phone screen', async () => {
  await seller.setViewportSize({ width: 360, height: 740 })
  await go(seller, '/market')
  await seller.getByTestId('add-give').click()
  await seller.getByTestId('good-give-0-item').click()
  await shot(seller, 'phone-market')
  await expect.poll(async () => (await layoutReport(seller)).overflowPx, { message: '/market: no horizontal overflow on a phone' }).toBe(0)
})
