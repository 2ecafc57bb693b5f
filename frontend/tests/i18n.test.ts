import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildSchema, isEnumType } from 'graphql'
import ru from '@/i18n/ru.json'
import en from '@/i18n/en.json'
import type { ErrorEnum } from '@/composables/usePayloadErrors'

function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix]
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

function lookup(tree: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree)
}

// Vitest runs from frontend/.
const sdl = readFileSync(resolve('../schema/schema.graphql'), 'utf8')
// The payload error enums of the mutations the web app calls (see usePayloadErrors' ErrorEnum).
const USED: ErrorEnum[] = ['AuthErrorCode', 'WalletErrorCode', 'ShopErrorCode', 'AdminErrorCode', 'NotificationErrorCode']
const schema = buildSchema(sdl)
const errorEnums = USED.map((name) => schema.getType(name))

describe('message catalogs', () => {
  it('have the same keys in Russian and English', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort())
  })

  it('translate every error code of every mutation payload in the schema', () => {
    const missing: string[] = []
    for (const [i, type] of errorEnums.entries()) {
      if (!isEnumType(type)) {
        missing.push(`schema has no enum ${USED[i]}`)
        continue
      }
      for (const value of type.getValues()) {
        for (const [name, catalog] of [['ru', ru], ['en', en]] as const) {
          if (typeof lookup(catalog, ['errors', type.name, value.name]) !== 'string') missing.push(`${name}: errors.${type.name}.${value.name}`)
        }
      }
    }
    expect(missing).toEqual([])
  })
})
