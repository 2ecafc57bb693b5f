// Linking: a signed-up player opens "Link Telegram", creates a one-time code and sees it with the
// /link command to send to the bot; the page fits a phone. Then Telegram sign-in: the page links to
// Telegram's sign-in page, and coming back with #tgAuthResult (signed here with the e2e server's bot
// token, as Telegram signs it) links the account; a tampered answer is refused. Nothing is fetched
// from Telegram.
import { createHash, createHmac } from 'node:crypto'
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { base, go, layoutReport, russian, shot, signUp, contextsFor } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { linking: Record<string, string>; errors: { LinkErrorCode: Record<string, string> } }
let contexts: BrowserContext[] = []
let player: Page

test.beforeAll(async ({ browser }, info) => {
  ;({ contexts, pages: [player] } = await contextsFor(browser, info, 1))
})

test.afterAll(async () => {
  for (const context of contexts) await context.close()
})

test('a player creates a code and sees it with the command for the bot', async () => {
  await signUp(player, `l_${Math.random().toString(36).slice(2, 8)}`)
  await go(player, '/settings/telegram')
  await expect(player.getByText(ru.linking.intro)).toBeVisible()
  await player.getByTestId('link-create').click()
  const code = player.getByTestId('link-code')
  await expect(code).toHaveText(/^[A-Z2-9]{8}$/)
  const shown = (await code.textContent())?.trim() ?? ''
  await expect(player.getByTestId('link-code-box')).toContainText(`/link ${shown}`)
  await shot(player, 'desktop-linking')
  await player.setViewportSize({ width: 360, height: 740 })
  await expect.poll(() => layoutReport(player), { message: '/settings/telegram: no horizontal overflow and no touch target under 44 px' })
    .toEqual({ overflowPx: 0, smallTargets: [] })
  await shot(player, 'phone-linking')
  await player.setViewportSize({ width: 1366, height: 900 })
})

/** Back from Telegram's sign-in page: a new page load (not a hash change of the page already open). */
async function backFromTelegram(page: Page, fragment: string) {
  await page.goto('about:blank')
  await page.goto(`${base()}/settings/telegram${fragment}`)
}

/** `#tgAuthResult=…` as Telegram's sign-in page sends it back: base64 of the JSON it signed. */
function telegramAnswer(fields: Record<string, string | number>, tamper: Record<string, string> = {}): string {
  const token = process.env.E2E_TELEGRAM_TOKEN
  if (!token) throw new Error('E2E_TELEGRAM_TOKEN is not set (e2e/global-setup.ts sets the server\'s bot token)')
  const check = Object.keys(fields).sort().map((k) => `${k}=${fields[k]}`).join('\n')
  const hash = createHmac('sha256', createHash('sha256').update(token).digest()).update(check).digest('hex')
  return `#tgAuthResult=${Buffer.from(JSON.stringify({ ...fields, ...tamper, hash })).toString('base64')}`
}

test('a player links Telegram through Telegram sign-in; a tampered answer is refused', async () => {
  await go(player, '/settings/telegram')
  const button = player.getByTestId('link-widget-button')
  await expect(button).toBeVisible()
  const href = new URL((await button.getAttribute('href')) ?? '')
  expect(href.origin + href.pathname).toBe('https://oauth.telegram.org/auth')
  expect(Object.fromEntries(href.searchParams)).toEqual({
    bot_id: '424242', origin: base(), return_to: `${base()}/settings/telegram`, request_access: 'write',
  })
  const fields = { id: 700000000 + Math.floor(Math.random() * 1e8), first_name: 'Алиса', username: 'alice_e2e', auth_date: Math.floor(Date.now() / 1000) }
  await backFromTelegram(player, telegramAnswer(fields, { username: 'mallory' }))
  await expect(player.getByTestId('link-error')).toHaveText(ru.errors.LinkErrorCode.WIDGET_HASH_INVALID)
  await expect(player.getByTestId('link-linked')).toHaveCount(0)
  expect(new URL(player.url()).hash).toBe('')
  await backFromTelegram(player, telegramAnswer(fields))
  await expect(player.getByTestId('link-linked')).toHaveText(ru.linking.linked)
  await expect(player.getByTestId('link-error')).toHaveCount(0)
  expect(new URL(player.url()).hash).toBe('')
  // The link holds on a reload, and the sign-in button is gone
  await player.reload()
  await expect(player.getByTestId('link-linked')).toHaveText(ru.linking.linked)
  await expect(player.getByTestId('link-widget-button')).toHaveCount(0)
  await shot(player, 'desktop-linking-telegram')
})
