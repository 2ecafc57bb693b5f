// Mini-games: a host opens a game of Cities, a second player joins from the lobby; the host starts;
// both play a few cities and each move reaches the other's open page live (gameEvents); a wrong
// letter is explained in Russian and costs a try; the host gives up and the other wins the reward;
// the phone layout fits.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { fill, go, layoutReport, russian, shot, signUp, contextsFor } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { errors: { GameErrorCode: Record<string, string> } }
let contexts: BrowserContext[] = []
let host: Page
let guest: Page
let gameUrl = ''
let guestName = ''

test.beforeAll(async ({ browser }, info) => {
  ;({ contexts, pages: [host, guest] } = await contextsFor(browser, info, 2))
  const tag = Math.random().toString(36).slice(2, 7)
  guestName = `g_gu${tag}`
  await signUp(host, `g_ho${tag}`)
  await signUp(guest, guestName)
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

async function play(page: Page, city: string) {
  await fill(page, 'move-input', city)
  await page.getByTestId('move-submit').click()
}

test('the host opens a game of Cities and the guest joins it from the lobby', async () => {
  await go(host, '/games')
  await host.getByTestId('create-CITIES').click()
  await host.waitForURL(/\/games\/\d+$/)
  gameUrl = new URL(host.url()).pathname
  await expect(host.getByTestId('game-status')).toHaveAttribute('data-status', 'LOBBY')
  await expect(host.getByTestId('live')).toBeVisible()

  await go(guest, '/games')
  const id = gameUrl.split('/').pop()
  await guest.locator(`[data-testid="lobby-game-${id}"] [data-testid=join]`).click()
  await guest.waitForURL(new RegExp(`${gameUrl}$`))
  await expect(host.getByTestId(`player-${guestName}`)).toBeVisible()
  await shot(host, 'desktop-games-lobby')
})

test('they play cities in turn and each move reaches the other live', async () => {
  await expect(guest.getByTestId('live')).toBeVisible()
  await host.getByTestId('game-start').click()
  await expect(guest.getByTestId('game-status')).toHaveAttribute('data-status', 'RUNNING')
  await play(host, 'Москва')
  // The first city loads the atlas on a fresh machine: give it time once.
  await expect(guest.getByTestId('last-city')).toHaveText('Москва', { timeout: 45_000 })
  await expect(guest.getByTestId('next-letter')).toHaveText('А')

  await play(guest, 'Тула')
  await expect(guest.getByTestId('move-error')).toHaveText(ru.errors.GameErrorCode.WRONG_LETTER)
  await expect(guest.getByTestId('turn')).toContainText('2')
  await play(guest, 'архангельск')
  await expect(host.getByTestId('last-city')).toHaveText('Архангельск')
  await expect(host.getByTestId('next-letter')).toHaveText('К')

  await play(host, 'Казань')
  await expect(guest.getByTestId('used-cities')).toContainText('Москва → Архангельск → Казань')
  await expect(guest.getByTestId('next-letter')).toHaveText('Н')
  await shot(guest, 'desktop-games-cities')
})

test('on a phone the game fits the screen', async () => {
  await guest.setViewportSize({ width: 360, height: 740 })
  await go(guest, gameUrl)
  await expect(guest.getByTestId('game-view')).toBeVisible()
  await expect.poll(async () => (await layoutReport(guest)).overflowPx, { message: 'no horizontal overflow at 360 px' }).toBe(0)
  await shot(guest, 'phone-games-cities')
})

test('the host gives up and the guest wins the reward', async () => {
  await host.getByTestId('game-forfeit').click()
  await expect(guest.getByTestId('game-status')).toHaveAttribute('data-status', 'FINISHED')
  await expect(guest.getByTestId('game-result')).toContainText(guestName)
  await expect(guest.getByTestId('game-result')).toContainText('+50 COIN')
  await go(guest, '/games')
  await expect(guest.getByTestId('stats')).toContainText('1')
})
