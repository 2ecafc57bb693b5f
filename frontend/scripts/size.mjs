// Prints the gzip size of the JavaScript the browser loads before the first page renders:
// the entry script in dist/index.html plus every chunk it modulepreloads (lazy routes excluded).
import { readFileSync, readdirSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { join } from 'node:path'

const dist = process.argv[2] ?? new URL('../dist/', import.meta.url).pathname
let html
try {
  html = readFileSync(join(dist, 'index.html'), 'utf8')
} catch {
  console.error('dist/index.html not found: run `npm run build` first')
  process.exit(1)
}
const initial = new Set()
for (const m of html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g)) initial.add(m[1])
for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) initial.add(m[1])
const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map((m) => m[1])

const kb = (n) => (n / 1024).toFixed(1) + ' KiB'
let raw = 0
let gz = 0
const rows = []
for (const src of initial) {
  const buf = readFileSync(join(dist, src.replace(/^\//, '')))
  const g = gzipSync(buf, { level: 9 }).length
  raw += buf.length
  gz += g
  rows.push(`  ${src}  ${kb(buf.length)} raw, ${kb(g)} gzip`)
}
let allGz = 0
for (const f of readdirSync(join(dist, 'assets'))) {
  if (f.endsWith('.js')) allGz += gzipSync(readFileSync(join(dist, 'assets', f)), { level: 9 }).length
}
let cssGz = 0
for (const href of css) cssGz += gzipSync(readFileSync(join(dist, href.replace(/^\//, '')))).length
console.log(rows.join('\n'))
console.log(`initial JS: ${initial.size} files, ${kb(raw)} raw, ${kb(gz)} gzip`)
if (css.length) console.log(`initial CSS: ${kb(cssGz)} gzip`)
console.log(`all JS chunks (incl. lazy routes): ${kb(allGz)} gzip`)
