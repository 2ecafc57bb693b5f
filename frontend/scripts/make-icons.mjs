// Renders public/favicon.svg into the PNG icons the web manifest needs (run once; PNGs are committed).
import { readFileSync } from 'node:fs'
import { chromium } from 'playwright-core'

const svg = readFileSync(new URL('../public/favicon.svg', import.meta.url), 'utf8')
const browser = await chromium.launch({ executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] })
for (const [size, name, pad] of [[192, 'pwa-192x192.png', 0], [512, 'pwa-512x512.png', 0], [180, 'apple-touch-icon.png', 0]]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } })
  await page.setContent(`<html><body style="margin:0;background:#101014"><div style="padding:${pad}px">${svg.replace('<svg ', `<svg width="${size}" height="${size}" `)}</div></body></html>`)
  await page.screenshot({ path: new URL(`../public/${name}`, import.meta.url).pathname, omitBackground: false })
  await page.close()
}
await browser.close()
