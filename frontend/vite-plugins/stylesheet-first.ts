import type { Plugin } from 'vite'

/**
 * Moves the entry stylesheet (render-blocking) ahead of the module preloads in index.html, so on
 * a slow connection with few parallel requests the first paint does not queue behind scripts.
 */
export function stylesheetFirst(): Plugin {
  return {
    name: 'lucas:stylesheet-first',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const links = html.match(/\s*<link rel="stylesheet" crossorigin href="[^"]+">/g) ?? []
        if (!links.length) return html
        let out = html
        for (const link of links) out = out.replace(link, '')
        return out.replace(/(\s*<script type="module")/, `${links.join('')}$1`)
      },
    },
  }
}
