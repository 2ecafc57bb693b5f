import { baseCompile } from '@intlify/message-compiler'
import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'

/**
 * Build-time compilation of the vue-i18n message catalogs (src/i18n/*.json and src/pages/<domain>/i18n/*.json) into message ASTs,
 * so the production bundle can drop vue-i18n's message compiler
 * (__INTLIFY_DROP_MESSAGE_COMPILER__). Dev server and Vitest keep plain strings.
 */
export function precompileMessages(): Plugin {
  const catalog = /\/src\/(i18n|pages\/[^/]+\/i18n)\/[a-z]{2}\.json$/
  const compileTree = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      const { ast } = baseCompile(value, {
        jit: true,
        location: false,
        optimize: true,
        minify: true,
        onError: (error) => {
          throw new Error(`i18n message ${path}: ${error.message}`)
        },
      })
      return ast
    }
    if (value && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, compileTree(v, `${path}.${k}`)]))
    }
    return value
  }
  return {
    name: 'lucas:precompile-messages',
    apply: 'build',
    enforce: 'pre',
    config: () => ({ define: { __INTLIFY_DROP_MESSAGE_COMPILER__: true } }),
    // A virtual id keeps Vite's own JSON plugin away from the compiled module.
    async resolveId(source, importer, options) {
      if (!source.endsWith('.json')) return null
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true })
      return resolved && catalog.test(resolved.id) ? `\0lucas-i18n:${resolved.id}.js` : null
    },
    load(id) {
      if (!id.startsWith('\0lucas-i18n:')) return null
      const file = id.slice('\0lucas-i18n:'.length, -'.js'.length)
      this.addWatchFile(file)
      const compiled = compileTree(JSON.parse(readFileSync(file, 'utf8')), file.replace(/.*\//, ''))
      return { code: `export default ${JSON.stringify(compiled)}`, map: null }
    },
  }
}
