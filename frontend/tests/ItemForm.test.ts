import { describe, expect, it } from 'vitest'
import ItemForm from '@/pages/admin/components/ItemForm.vue'
import ru from '@/pages/shop/i18n/ru.json'
import { flush, mockClient, mountWithApp } from './helpers'

const item = {
  id: '7', name: 'Castle', description: '', price: '100', currency: 'COIN',
  basePrice: '100', minPrice: '50', maxPrice: '200', priceTrend: 'STABLE', pinned: false,
  stock: null, perUserLimit: null, cooldownSeconds: null, tradeable: true, active: true,
}

describe('ItemForm pricing', () => {
  it('sends the price bounds and the pin with an edit', async () => {
    const client = mockClient({ mutation: () => ({ shopItemUpdate: { item, errors: [] } }) })
    const wrapper = mountWithApp(ItemForm, { client, props: { item } })
    await wrapper.get('[data-testid=item-maxPrice] input').setValue('300')
    await wrapper.get('[data-testid=item-pinned]').trigger('click')
    await wrapper.get('form').trigger('submit')
    await flush()
    const [request] = client.executeMutation.mock.calls.at(-1) ?? []
    expect(request?.variables.input).toMatchObject({ id: '7', price: '100', basePrice: '100', minPrice: '50', maxPrice: '300', pinned: true })
    wrapper.unmount()
  })

  it('shows a refused range next to its field', async () => {
    const errors = [{ code: 'INVALID_PRICE_RANGE', field: 'minPrice', message: 'The minimum price must not be above the base price.' }]
    const client = mockClient({ mutation: () => ({ shopItemUpdate: { item: null, errors } }) })
    const wrapper = mountWithApp(ItemForm, { client, props: { item } })
    await wrapper.get('[data-testid=item-minPrice] input').setValue('150')
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-minPrice]').text()).toContain(ru.errors.ShopErrorCode.INVALID_PRICE_RANGE)
    wrapper.unmount()
  })
})
