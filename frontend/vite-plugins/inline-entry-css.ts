import type { Plugin } from 'vite'

/**
 * Inlines the entry's small stylesheet into index.html: one render-blocking request fewer
 * before the first paint on a slow phone connection. Lazy pages keep their own CSS files.
 */
export function inlineEntryCss(maxBytes = 8192): Plugin {
  return {
    name: 'lucas:inline-entry-css',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        const bundle = ctx.bundle
        if (!bundle) return html
        return html.replace(/<link rel="stylesheet" crossorigin href="\/([^"]+\.css)">/g, (tag, file: string) => {
          const asset = bundle[file]
          if (!asset || asset.type !== 'asset') return tag
          const css = typeof asset.source === 'string' ? asset.source : new TextDecoder().decode(asset.source)
          return css.length <= maxBytes ? `<style>${css}</style>` : tag
        })
      },
    },
  }
}
