import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import SeasonalPage from '@/pages/seasonal/SeasonalPage.vue'
import ru from '@/pages/seasonal/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const progress = { __typename: 'SeasonalProgress', earned: 35, spent: 14, balance: 21, converted: 0, coinsFromConversion: 0 }
const event = {
  __typename: 'SeasonalEvent', id: '5', name: 'Frost Fest', description: 'Cold fun.', currency: 'FROST', currencyName: 'Frost',
  status: 'ACTIVE', startsAt: '2026-12-01T00:00:00+00:00', endsAt: '2026-12-04T00:00:00+00:00', timeLeftSeconds: 2 * 86400 + 3 * 3600,
  conversionPercent: 50, myProgress: progress,
  shop: [{ __typename: 'SeasonalShopItem', price: 7, limitedEdition: true, item: { __typename: 'Item', id: '9', name: 'Ice Crown', description: 'x', stock: 3, perUserLimit: 2 } }],
}

function server(buy: () => unknown) {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'SeasonalOverview':
        return {
          currentSeasonalEvent: event,
          seasonalEvents: [{ __typename: 'SeasonalEvent', id: '1', name: 'New Year', currencyName: 'Snowflakes', status: 'SCHEDULED', startsAt: '2026-12-24T00:00:00+00:00', endsAt: '2027-01-08T00:00:00+00:00', myProgress: { ...progress, earned: 0, spent: 0, balance: 0 } }],
          mySeasonalItems: [],
        }
      case 'SeasonalShopBuy':
        return buy()
      default:
        return {}
    }
  })
}

describe('SeasonalPage', () => {
  it('shows the running event with time left, progress, its shop and the upcoming ones', async () => {
    const { client } = server(() => ({}))
    const wrapper = mountWithApp(SeasonalPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=seasonal-name]').text()).toBe('Frost Fest')
    expect(wrapper.get('[data-testid=seasonal-left]').text()).toContain('2')
    expect(wrapper.get('[data-testid=seasonal-earned]').text()).toContain('35')
    expect(wrapper.get('[data-testid=seasonal-balance]').text()).toContain('21')
    expect(wrapper.findAll('[data-testid=seasonal-shop-item]')).toHaveLength(1)
    expect(wrapper.get('[data-testid=seasonal-upcoming]').text()).toContain('New Year')
    wrapper.unmount()
  })

  it('buys once and shows a refusal translated', async () => {
    const { client, calls } = server(() => ({
      seasonalShopBuy: { __typename: 'SeasonalShopBuyPayload', item: null, quantity: null, total: null, event: null, errors: [{ __typename: 'SeasonalError', code: 'INSUFFICIENT_FUNDS', field: 'quantity', message: 'server text' }] },
    }))
    const wrapper = mountWithApp(SeasonalPage, { client })
    await flush()
    await wrapper.get('[data-testid=seasonal-buy]').trigger('click')
    await flush()
    expect(calls.filter((c) => c.startsWith('SeasonalShopBuy'))).toHaveLength(1)
    expect(wrapper.get('[data-testid=form-error]').text()).toBe(ru.errors.SeasonalErrorCode.INSUFFICIENT_FUNDS)
    wrapper.unmount()
  })
})
