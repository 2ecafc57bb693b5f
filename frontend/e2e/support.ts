import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { expect, type Browser, type BrowserContext, type Locator, type Page, type TestInfo } from '@playwright/test'

const here = resolve(import.meta.dirname, '..')
export const SHOTS = resolve(here, process.env.LUCAS_SCREENSHOTS_DIR ?? '../artifacts/screenshots')
export const ADMIN_PASSWORD = 'password'
export const PLAYER_PASSWORD = 'Quick-Brown-Fox-42'

type Tree = { [key: string]: string | Tree }
/** The Russian messages, merged like the app does (the shell's plus every domain's). */
export function russian(): Tree {
  const files = [join(here, 'src/i18n/ru.json'), ...readdirSync(join(here, 'src/pages'), { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(here, 'src/pages', d.name, 'i18n/ru.json'))
    .filter((f) => { try { readFileSync(f); return true } catch { return false } })]
  const merged: Tree = {}
  const merge = (target: Tree, source: Tree) => {
    for (const [k, v] of Object.entries(source)) {
      if (typeof v === 'string') target[k] = v
      else merge((target[k] ??= {}) as Tree, v)
    }
  }
  for (const file of files) merge(merged, JSON.parse(readFileSync(file, 'utf8')) as Tree)
  return merged
}

export function base(): string {
  const url = process.env.E2E_BASE_URL
  if (!url) throw new Error('E2E_BASE_URL is not set: run through `npm run test:e2e` (playwright.config.ts starts the server)')
  return url
}

/**
 * Opens an app path: a real page load when the server has its history-mode fallback, otherwise
 * / and the app's router (so a missing fallback does not hide everything else the test checks).
 */
export async function go(page: Page, path: string) {
  if (process.env.E2E_DEEP_LINKS !== '0' || path === '/') {
    await page.goto(`${base()}${path}`)
    return
  }
  if (!page.url().startsWith(base())) await page.goto(`${base()}/`)
  await page.waitForFunction(() => !!(document.querySelector('#app') as { __vue_app__?: unknown } | null)?.__vue_app__)
  await page.evaluate((to) => {
    const app = (document.querySelector('#app') as unknown as { __vue_app__: { config: { globalProperties: { $router: { push(p: string): unknown } } } } }).__vue_app__
    return app.config.globalProperties.$router.push(to)
  }, path)
  await page.waitForURL((url) => url.pathname === path.split('?')[0])
}

export async function fill(page: Page, testId: string, value: string | number) {
  await page.locator(`[data-testid="${testId}"] input, [data-testid="${testId}"] textarea`).first().fill(String(value))
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), animations: 'disabled', caret: 'hide' })
}

/** What the forms on the page say (for failure messages). */
export async function formErrors(page: Page): Promise<string> {
  const shown = await page.locator('[data-testid=form-error], .n-form-item-feedback__line, .field-feedback').allInnerTexts()
  return shown.filter(Boolean).join(' | ') || '(nothing)'
}

export async function expectToast(page: Page, text: string, what: string) {
  const toast = page.locator('.n-message', { hasText: text }).first()
  await expect(toast, `${what}: a confirmation mentioning "${text}"`).toBeVisible().catch(async (error: Error) => {
    throw new Error(`${what}: no confirmation "${text}" appeared; the page shows: ${await formErrors(page)}\n${error.message}`)
  })
}

export function balance(page: Page, currency = 'COIN'): Locator {
  return page.locator(`[data-testid="balance-${currency}"] [data-testid=balance-amount]`)
}

/** Digits only: "1 500" and "1,500" are both 1500. */
export async function expectAmount(locator: Locator, digits: string, what: string) {
  await expect.poll(async () => ((await locator.count()) ? (await locator.first().innerText()).replace(/\D/g, '') : ''), { message: what }).toBe(digits)
}

export async function expectLive(page: Page, who: string) {
  await expect(page.getByTestId('live-indicator'), `${who}: the subscription socket connects`).toHaveAttribute('data-live', 'connected')
}

export async function signUp(page: Page, username: string) {
  await go(page, '/signup')
  await fill(page, 'auth-username', username)
  await fill(page, 'auth-password', PLAYER_PASSWORD)
  await page.getByTestId('auth-submit').click()
  await page.waitForURL(`${base()}/`).catch(async () => {
    throw new Error(`sign-up of ${username} did not reach the home page; the form shows: ${await formErrors(page)}`)
  })
}

export async function signIn(page: Page, username: string, password: string) {
  await go(page, '/signin')
  await fill(page, 'auth-username', username)
  await fill(page, 'auth-password', password)
  await page.getByTestId('auth-submit').click()
  await page.waitForURL(`${base()}/`).catch(async () => {
    throw new Error(`sign-in of ${username} failed; the form shows: ${await formErrors(page)}`)
  })
}

/** Horizontal overflow past the viewport and touch targets under 44 px on the current page. */
export function layoutReport(page: Page) {
  return page.evaluate(() => {
    let wide = document.documentElement.scrollWidth - window.innerWidth
    for (const el of document.querySelectorAll('header *, main *')) {
      const r = el.getBoundingClientRect()
      if (r.width > 0 && r.right - window.innerWidth > wide && getComputedStyle(el).position !== 'fixed') {
        if (!el.closest('.scroll, .sub-nav')) wide = r.right - window.innerWidth
      }
    }
    const small: string[] = []
    for (const el of document.querySelectorAll('button, a[href], input:not([type=hidden])')) {
      const r = el.getBoundingClientRect()
      if (r.width === 0 || r.height === 0) continue
      const target = el.closest('.n-input, .n-input-number, .n-base-selection') ?? el
      const tr = target.getBoundingClientRect()
      if (tr.height < 43.5) small.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 20)}" ${Math.round(tr.width)}×${Math.round(tr.height)}`)
    }
    return { overflowPx: Math.max(0, Math.round(wide)), smallTargets: small }
  })
}

/** One Russian-speaking browser context per player, with the project's viewport. */
export async function contextsFor(browser: Browser, info: TestInfo, count: number): Promise<{ contexts: BrowserContext[]; pages: Page[] }> {
  const options = { viewport: info.project.use.viewport, locale: 'ru-RU', deviceScaleFactor: 1, serviceWorkers: 'block' as const }
  const contexts = await Promise.all(Array.from({ length: count }, () => browser.newContext(options)))
  return { contexts, pages: await Promise.all(contexts.map((c) => c.newPage())) }
}

/** The admin grants coins from the admin pages. */
export async function adminGrant(admin: Page, username: string, amount: number, reason: string) {
  await go(admin, '/admin/grant')
  await fill(admin, 'grant-username', username)
  await fill(admin, 'grant-amount', amount)
  await fill(admin, 'grant-reason', reason)
  await admin.getByTestId('grant-submit').click()
  await expectToast(admin, username, 'admin grant')
}

/** The admin puts an item on sale, and a player buys one. */
export async function sellAndBuy(admin: Page, buyer: Page, item: string, price: number, description: string) {
  await go(admin, '/admin/items')
  await fill(admin, 'item-name', item)
  await fill(admin, 'item-description', description)
  await fill(admin, 'item-price-input', price)
  await admin.getByTestId('item-submit').first().click()
  await expectToast(admin, item, `creating ${item}`)
  await go(buyer, '/shop')
  await buyer.locator(`[data-item-name="${item}"]`).getByTestId('item-buy').click()
  await expectToast(buyer, item, `buying ${item}`)
}
