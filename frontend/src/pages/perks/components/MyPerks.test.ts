import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import InventoryPage from '@/pages/inventory/InventoryPage.vue'
import { flush, mountWithApp, scriptedClient } from '../../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const perk = (id: string, kind: string, active: boolean, expiresAt: string | null, usesLeft = 0) => ({
  __typename: 'PerkEffect', id, kind, active, usesLeft, startsAt: '2026-12-03T10:00:00Z', expiresAt,
  item: { __typename: 'Item', id: `i${id}`, name: kind },
})

function server(perks: unknown[]) {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'Me':
        return { me: { __typename: 'User', id: '1', username: 'neo', role: 'USER', createdAt: '2026-01-01T00:00:00Z', telegramLinked: true, balances: [] } }
      case 'MyInventory':
        return { me: { __typename: 'User', id: '1', inventory: [] } }
      case 'MyPerks':
        return { myPerks: perks }
      default:
        return {}
    }
  })
}

describe('perks on the inventory page', () => {
  it('lists the running and waiting perks with their expiry, in Russian', async () => {
    const { client } = server([
      perk('1', 'STICKERS', true, '2026-12-04T10:00:00Z'),
      perk('2', 'STICKERS', false, '2026-12-05T10:00:00Z'),
      perk('3', 'MENTION', true, null, 1),
    ])
    const wrapper = mountWithApp(InventoryPage, { client })
    await flush()
    const cards = wrapper.findAll('[data-testid=perk]')
    expect(cards.map((c) => c.attributes('data-perk-kind'))).toEqual(['STICKERS', 'STICKERS', 'MENTION'])
    expect(cards[0].text()).toContain('Стикеры без лимита')
    expect(cards[0].text()).toContain('действует')
    expect(cards[0].get('[data-testid=perk-expiry]').text()).toMatch(/^до .*2026/)
    expect(cards[1].get('[data-testid=perk-expiry]').text()).toMatch(/^с .* до /)
    expect(cards[2].get('[data-testid=perk-uses]').text()).toBe('осталось использований: 1')
  })

  it('shows nothing without perks', async () => {
    const { client } = server([])
    const wrapper = mountWithApp(InventoryPage, { client })
    await flush()
    expect(wrapper.find('[data-testid=perks]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=inventory-empty]').exists()).toBe(true)
  })
})
