import { describe, expect, it } from 'vitest'
import ShopItemCard from '@/pages/shop/components/ShopItemCard.vue'
import ru from '@/pages/shop/i18n/ru.json'
import { flush, mockClient, mountWithApp } from './helpers'

const item = {
  id: '7', name: 'Castle', description: 'Big', price: '100000', currency: 'COIN',
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
})
