/** A message catalog: nested objects with string leaves (compiled message ASTs in production builds). */
export interface Messages {
  [key: string]: string | Messages
}

/** A leaf: a message, or its AST as the build precompiles it (an object with a numeric node type). */
function isLeaf(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return true
  const node = value as { t?: unknown; type?: unknown }
  return typeof node.t === 'number' || typeof node.type === 'number'
}

/**
 * Deep-merges catalogs (the app's own and one per domain). Two catalogs defining the same
 * message is a mistake: it throws, naming both files.
 */
export function mergeCatalogs(parts: Record<string, Messages>): Messages {
  const merged: Messages = {}
  const owner = new Map<string, string>()
  const visit = (target: Messages, source: Messages, file: string, prefix: string) => {
    for (const [key, value] of Object.entries(source)) {
      const path = prefix ? `${prefix}.${key}` : key
      const existing = target[key]
      if (isLeaf(value) || (existing !== undefined && isLeaf(existing))) {
        if (existing !== undefined) throw new Error(`i18n: "${path}" is defined by ${owner.get(path) ?? 'two catalogs'} and ${file}`)
        target[key] = value
        owner.set(path, file)
      } else {
        const child: Messages = (existing as Messages | undefined) ?? {}
        target[key] = child
        owner.set(path, owner.get(path) ?? file)
        visit(child, value as Messages, file, path)
      }
    }
  }
  for (const file of Object.keys(parts).sort()) visit(merged, parts[file], file, '')
  return merged
}
