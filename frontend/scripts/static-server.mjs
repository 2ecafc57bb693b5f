// A reference static server for dist/ (gzip, immutable caching of hashed assets, history-mode
// fallback), used to measure the app as a compressing server would deliver it:
//   node scripts/static-server.mjs PORT
import { createServer } from 'node:http'
import { readFile, stat } from 'node:fs/promises'
import { extname, join, normalize } from 'node:path'
import { gzipSync } from 'node:zlib'

const root = new URL('../dist/', import.meta.url).pathname
const types = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.webmanifest': 'application/manifest+json', '.json': 'application/json' }
const port = Number(process.argv[2] ?? 4173)

createServer(async (req, res) => {
  const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
  let file = join(root, path)
  try {
    if (!(await stat(file)).isFile()) throw new Error('dir')
  } catch {
    file = extname(path) ? null : join(root, 'index.html')
  }
  if (!file) { res.writeHead(404).end(); return }
  let body = await readFile(file)
  const headers = { 'Content-Type': types[extname(file)] ?? 'application/octet-stream' }
  headers['Cache-Control'] = file.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'
  if (/gzip/.test(req.headers['accept-encoding'] ?? '') && /text|javascript|json|svg|manifest/.test(headers['Content-Type'])) {
    body = gzipSync(body)
    headers['Content-Encoding'] = 'gzip'
  }
  res.writeHead(200, headers).end(body)
}).listen(port, '127.0.0.1', () => console.log(`dist/ on http://127.0.0.1:${port}`))
