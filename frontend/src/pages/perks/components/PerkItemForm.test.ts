import { describe, expect, it } from 'vitest'
import PerkItemForm from './PerkItemForm.vue'
import ru from '../i18n/ru.json'
import { flush, mockClient, mountWithApp } from '../../../../tests/helpers'

const item = (name: string, price = '300') => ({
  __typename: 'Item', id: '41', name, description: '', price, basePrice: price, minPrice: price, maxPrice: price,
  priceTrend: 'STABLE', pinned: false, currency: 'COIN', stock: null, perUserLimit: null, cooldownSeconds: null, tradeable: false, active: true,
})

// Generous: the first mount of the Naive form takes seconds on a busy machine.
describe('the perk item form', { timeout: 20_000 }, () => {
  it('puts the picked perk on sale with its price and the Russian default name, and shows the item', async () => {
    const client = mockClient({ mutation: ({ variables }) => ({ perkItemCreate: { item: item(String((variables.input as { name: string }).name), '250'), errors: [] } }) })
    const wrapper = mountWithApp(PerkItemForm, { client })
    await wrapper.get('[data-testid=perk-kind-MENTION] input').trigger('change')
    await wrapper.get('[data-testid=perk-price] input').setValue('250')
    await wrapper.get('form').trigger('submit')
    await flush()
    const [request] = client.executeMutation.mock.calls.at(-1) ?? []
    expect(request?.variables.input).toEqual({
      kind: 'MENTION', price: '250', name: ru.perks.admin.names.MENTION, description: ru.perks.admin.descriptions.MENTION,
    })
    const created = wrapper.get('[data-testid=perk-created]')
    expect(created.text()).toContain(ru.perks.admin.names.MENTION)
    expect(created.text()).toContain('250')
    expect(wrapper.get<HTMLInputElement>('[data-testid=perk-price] input').element.value).toBe('')
    wrapper.unmount()
  })

  it('sends the typed name and leaves the price to the server when empty', async () => {
    const client = mockClient({ mutation: () => ({ perkItemCreate: { item: item('Sticker pass'), errors: [] } }) })
    const wrapper = mountWithApp(PerkItemForm, { client })
    await wrapper.get('[data-testid=perk-name] input').setValue('  Sticker pass ')
    await wrapper.get('form').trigger('submit')
    await flush()
    const [request] = client.executeMutation.mock.calls.at(-1) ?? []
    expect(request?.variables.input).toMatchObject({ kind: 'STICKERS', name: 'Sticker pass' })
    expect(request?.variables.input).not.toHaveProperty('price')
    wrapper.unmount()
  })

  it('shows each refusal in Russian: by its field, or under the form', async () => {
    const errors = [
      { code: 'INVALID_NAME', field: 'name', message: 'Name must be 1 to 100 characters.' },
      { code: 'NOT_ALLOWED', field: null, message: 'Not allowed.' },
    ]
    const client = mockClient({ mutation: () => ({ perkItemCreate: { item: null, errors } }) })
    const wrapper = mountWithApp(PerkItemForm, { client })
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=perk-field-name]').text()).toContain(ru.errors.PerkErrorCode.INVALID_NAME)
    expect(wrapper.get('[data-testid=perk-form-error]').text()).toBe(ru.errors.PerkErrorCode.NOT_ALLOWED)
    expect(wrapper.find('[data-testid=perk-created]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('refuses a price that is not a whole number without asking the server', async () => {
    const client = mockClient({ mutation: () => ({ perkItemCreate: { item: null, errors: [] } }) })
    const wrapper = mountWithApp(PerkItemForm, { client })
    await wrapper.get('[data-testid=perk-price] input').setValue('12.5')
    await wrapper.get('form').trigger('submit')
    await flush()
    expect(client.executeMutation).not.toHaveBeenCalled()
    expect(wrapper.get('[data-testid=perk-field-price]').text()).toContain(ru.errors.PerkErrorCode.INVALID_PRICE)
    wrapper.unmount()
  })
})
