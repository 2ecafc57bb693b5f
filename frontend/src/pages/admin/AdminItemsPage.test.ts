import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import AdminItemsPage from './AdminItemsPage.vue'
import ru from '@/pages/perks/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const item = (id: string, name: string) => ({
  __typename: 'Item', id, name, description: '', price: '500', basePrice: '500', minPrice: '500', maxPrice: '500',
  priceTrend: 'STABLE', pinned: false, currency: 'COIN', stock: null, perUserLimit: null, cooldownSeconds: null, tradeable: false, active: true,
})

// Generous: the first mount of the Naive page takes seconds on a busy machine.
describe('the admin items page', { timeout: 20_000 }, () => {
  it('puts a group perk on sale from its own section and lists it with the items', async () => {
    const { client, calls } = scriptedClient((op) => {
      switch (opName(op)) {
        case 'ShopItems':
          return { shopItems: { __typename: 'ItemConnection', edges: [{ __typename: 'ItemEdge', cursor: 'c1', node: item('1', 'Castle') }], pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' } } }
        case 'PerkItemCreate':
          return { perkItemCreate: { __typename: 'PerkItemCreatePayload', item: item('2', ru.perks.admin.names.ADMIN), errors: [] } }
        default:
          return {}
      }
    })
    const wrapper = mountWithApp(AdminItemsPage, { client })
    await flush()
    const section = wrapper.get('[data-testid=admin-perk-item]')
    expect(section.text()).toContain(ru.perks.admin.title)
    await section.get('[data-testid=perk-kind-ADMIN] input').trigger('change')
    await section.get('form').trigger('submit')
    await flush()
    await flush()
    expect(calls.some((c) => c.startsWith('PerkItemCreate') && c.includes('"kind":"ADMIN"'))).toBe(true)
    const names = wrapper.findAll('[data-testid=admin-items] [data-item-name]').map((c) => c.attributes('data-item-name'))
    expect(names).toEqual(['Castle', ru.perks.admin.names.ADMIN])
    wrapper.unmount()
  })
})
