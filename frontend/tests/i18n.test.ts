import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { buildSchema, isEnumType } from 'graphql'
import { loadEnglish, loadRussian } from '@/i18n/catalogs'
import { mergeCatalogs } from '@/i18n/merge'
import { ERROR_ENUMS } from '@/gql/error-enums'

function keys(tree: unknown, prefix = ''): string[] {
  if (typeof tree !== 'object' || tree === null) return [prefix]
  return Object.entries(tree).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k))
}

function lookup(tree: unknown, path: string[]): unknown {
  return path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), tree)
}

// Vitest runs from frontend/.
const schema = buildSchema(readFileSync(resolve('../schema/schema.graphql'), 'utf8'))

const en = await loadEnglish()
const ru = await loadRussian()

describe('message catalogs', () => {
  it('have the same keys in Russian and English', () => {
    expect(keys(en).sort()).toEqual(keys(ru).sort())
  })

  it('are merged from the app and every domain folder', () => {
    expect(ru).toHaveProperty('app.name')
    expect(ru).toHaveProperty('shop.buy')
    expect(ru).toHaveProperty('errors.top.NETWORK')
    expect(ru).toHaveProperty('errors.WalletErrorCode.SELF_TRANSFER')
  })

  it('refuse two domains defining the same message, naming both files', () => {
    expect(() => mergeCatalogs({ 'a/ru.json': { shop: { buy: 'Купить' } }, 'b/ru.json': { shop: { buy: 'Взять' } } }))
      .toThrow(/shop\.buy.*a\/ru\.json.*b\/ru\.json/)
    expect(mergeCatalogs({ 'a/ru.json': { errors: { A: { X: '1' } } }, 'b/ru.json': { errors: { B: { Y: '2' } } } }))
      .toEqual({ errors: { A: { X: '1' }, B: { Y: '2' } } })
  })

  it('translate every code of every payload error enum the operations select', () => {
    expect(ERROR_ENUMS).toEqual(expect.arrayContaining(['AuthErrorCode', 'NotificationErrorCode', 'ShopErrorCode', 'WalletErrorCode']))
    const missing: string[] = []
    for (const name of ERROR_ENUMS) {
      const type = schema.getType(name)
      if (!isEnumType(type)) {
        missing.push(`schema has no enum ${name}`)
        continue
      }
      for (const value of type.getValues()) {
        for (const [locale, catalog] of [['ru', ru], ['en', en]] as const) {
          if (typeof lookup(catalog, ['errors', type.name, value.name]) !== 'string') missing.push(`${locale}: errors.${type.name}.${value.name}`)
        }
      }
    }
    expect(missing).toEqual([])
  })
})
