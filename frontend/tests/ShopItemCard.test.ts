import { describe, expect, it } from 'vitest'
import ShopItemCard from '@/pages/shop/components/ShopItemCard.vue'
import ru from '@/pages/shop/i18n/ru.json'
import { flush, mockClient, mountWithApp } from './helpers'

const item = {
  id: '7', name: 'Castle', description: 'Big', price: '100000', currency: 'COIN',
  basePrice: '90000', minPrice: '50000', maxPrice: '200000', priceTrend: 'RISING', pinned: false,
  stock: null, perUserLimit: null, cooldownSeconds: null, tradeable: true, active: true,
}

describe('ShopItemCard', () => {
  it('shows a refused purchase as a translated message next to the quantity field', async () => {
    const client = mockClient({
      mutation: () => ({
        shopPurchase: { item: null, quantity: null, errors: [{ code: 'INSUFFICIENT_FUNDS', field: null, message: 'Not enough COIN.' }] },
      }),
    })
    const wrapper = mountWithApp(ShopItemCard, { client, props: { item } })
    await wrapper.get('[data-testid=item-buy]').trigger('submit')
    await wrapper.get('form').trigger('submit')
    await flush()
    const feedback = wrapper.get('[data-testid=field-quantity]').text()
    expect(feedback).toContain(ru.errors.ShopErrorCode.INSUFFICIENT_FUNDS)
    wrapper.unmount()
  })

  it('sends a fresh idempotency key with each attempt', async () => {
    const client = mockClient({ mutation: () => ({ shopPurchase: { item, quantity: 1, errors: [] } }) })
    const wrapper = mountWithApp(ShopItemCard, { client, props: { item } })
    await wrapper.get('form').trigger('submit')
    await flush()
    await wrapper.get('form').trigger('submit')
    await flush()
    const calls = client.executeMutation.mock.calls.map(([request]) => (request.variables as { input: { idempotencyKey: string; itemId: string; quantity: number } }).input)
    expect(calls).toHaveLength(2)
    expect(calls[0].itemId).toBe('7')
    expect(calls[0].quantity).toBe(1)
    expect(calls[0].idempotencyKey).not.toBe(calls[1].idempotencyKey)
    wrapper.unmount()
  })

  it('falls back to the server message for a code it does not know', async () => {
    const client = mockClient({
      mutation: () => ({ shopPurchase: { item: null, quantity: null, errors: [{ code: 'BRAND_NEW_CODE', field: 'quantity', message: 'Server says no.' }] } }),
    })
    const wrapper = mountWithApp(ShopItemCard, { client, props: { item } })
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-quantity]').text()).toContain('Server says no.')
    wrapper.unmount()
  })

  it('shows the price trend and, when asked, the price history', async () => {
    const history = [
      { day: '2026-12-03', price: '100000', previousPrice: '90000', trend: 'RISING', purchases: 4 },
      { day: '2026-12-02', price: '90000', previousPrice: '90000', trend: 'STABLE', purchases: 0 },
    ]
    const client = mockClient({
      query: () => ({ shopItemPriceHistory: { edges: history.map((node) => ({ cursor: node.day, node })) } }),
    })
    const wrapper = mountWithApp(ShopItemCard, { client, props: { item } })
    expect(wrapper.get('[data-testid=trend-RISING]').attributes('aria-label')).toBe(ru.shop.trend.RISING)
    expect(wrapper.find('[data-testid=price-history]').exists()).toBe(false)
    await wrapper.get('[data-testid=item-history]').trigger('click')
    await flush()
    const points = wrapper.findAll('[data-testid=price-point]')
    expect(points).toHaveLength(2)
    expect(points[1].find('[data-testid=trend-STABLE]').exists()).toBe(true)
    const [request] = client.executeQuery.mock.calls.at(-1) ?? []
    expect(request?.variables.itemId).toBe('7')
    wrapper.unmount()
  })
})
