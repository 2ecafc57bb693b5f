// Linking: a signed-up player opens "Link Telegram", creates a one-time code and sees it with the
// /link command to send to the bot; the page fits a phone.
import { expect, test, type BrowserContext, type Page } from '@playwright/test'
import { go, layoutReport, russian, shot, signUp, contextsFor } from './support'

test.describe.configure({ mode: 'serial' })

const ru = russian() as { linking: Record<string, string> }
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
