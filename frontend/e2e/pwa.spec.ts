// The PWA: the service worker takes control, and offline the app shell still loads and says so.
import { expect, test } from '@playwright/test'
import { base, go, shot, signUp } from './support'

test.describe.configure({ mode: 'serial' })

test('manifest is served, the service worker takes control, and offline the shell loads', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'ru-RU', serviceWorkers: 'allow' })
  const page = await context.newPage()
  await test.step('manifest is served and the service worker takes control', async () => {
    const manifest = await fetch(`${base()}/manifest.webmanifest`)
    expect(manifest.ok, `GET /manifest.webmanifest answered ${manifest.status}`).toBe(true)
    await go(page, '/signin')
    await page.evaluate(() => navigator.serviceWorker.ready.then(() => true))
    await page.reload()
    await page.waitForFunction(() => !!navigator.serviceWorker.controller)
  })
  await test.step('offline, the app shell still loads and says it is offline', async () => {
    await signUp(page, `p_o${Math.random().toString(36).slice(2, 7)}`)
    await expect(page.getByTestId('home-title')).toBeVisible()
    await context.setOffline(true)
    await page.reload()
    await expect(page.getByTestId('offline-banner'), 'the offline banner after an offline reload').toBeVisible()
    await shot(page, 'desktop-offline')
    await context.setOffline(false)
  })
  await context.close()
})
