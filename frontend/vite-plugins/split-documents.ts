import { readFileSync } from 'node:fs'
import type { Plugin } from 'vite'

const PREFIX = '\0lucas-gql:'

/**
 * Production builds: each operation document of the generated `src/gql/graphql.ts` becomes its
 * own module, so a document ships in the chunk of the page that uses it instead of every
 * document of every domain shipping with the entry (graphql.ts is one module, and a module
 * cannot be split between chunks). Types are erased anyway; only the `export const …Document`
 * lines carry code.
 */
export function splitDocuments(): Plugin {
  const documents = new Map<string, string>()
  const line = /^export const (\w+) = (\{.*\}) as unknown as DocumentNode<.*>;$/
  return {
    name: 'lucas:split-documents',
    apply: 'build',
    enforce: 'pre',
    resolveId(source) {
      return source.startsWith(PREFIX) ? source : null
    },
    load(id) {
      if (id.startsWith(PREFIX)) {
        const name = id.slice(PREFIX.length)
        const json = documents.get(name)
        if (json === undefined) throw new Error(`split-documents: no document ${name}`)
        return { code: `export const ${name} = ${json}`, map: null }
      }
      if (!id.endsWith('/src/gql/graphql.ts')) return null
      this.addWatchFile(id)
      const exports: string[] = []
      for (const text of readFileSync(id, 'utf8').split('\n')) {
        const match = line.exec(text)
        if (!match) {
          if (/^export (const|let|var|function|class|enum) /.test(text)) throw new Error(`split-documents: unexpected runtime export in graphql.ts: ${text.slice(0, 80)}`)
          continue
        }
        documents.set(match[1], match[2])
        exports.push(`export { ${match[1]} } from ${JSON.stringify(PREFIX + match[1])}`)
      }
      return { code: exports.join('\n'), map: null }
    },
  }
}
