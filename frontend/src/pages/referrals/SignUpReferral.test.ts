import { describe, expect, it, vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { defineComponent, h, shallowRef } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import urql from '@urql/vue'
import { NConfigProvider, NMessageProvider } from 'naive-ui'
import type { Client } from '@urql/core'
import AuthForm from '@/pages/auth/components/AuthForm.vue'
import { i18n } from '@/i18n'
import ru from '@/pages/referrals/i18n/ru.json'
import { flush, mockClient } from '../../../tests/helpers'

async function signUpAt(url: string, client: ReturnType<typeof mockClient>) {
  setActivePinia(createPinia())
  i18n.global.locale.value = 'ru'
  const router = createRouter({
    history: createMemoryHistory(),
    routes: ['/', '/signin', '/signup'].map((path) => ({ path, name: path.slice(1) || 'home', component: { render: () => null } })),
  })
  await router.push(url)
  const Root = defineComponent({ setup: () => () => h(NConfigProvider, null, { default: () => h(NMessageProvider, null, { default: () => h(AuthForm, { mode: 'signup' }) }) }) })
  return mount(Root, { global: { plugins: [createPinia(), i18n, router, [urql, shallowRef(client as unknown as Client)]] }, attachTo: document.body })
}

describe('sign-up with a referral code', () => {
  it('reads ?ref= from the invite link, sends it, and shows an unknown code next to the field', async () => {
    const mutation = vi.fn(() => ({ authRegister: { accessToken: null, refreshToken: null, user: null, errors: [
      { code: 'INVALID_REFERRAL', field: 'referralCode', message: 'server text' },
    ] } }))
    const client = mockClient({ mutation })
    const wrapper = await signUpAt('/signup?ref=ABCD2345', client)
    expect((wrapper.get('[data-testid=auth-referral-code] input').element as HTMLInputElement).value).toBe('ABCD2345')
    await wrapper.get('[data-testid=auth-username] input').setValue('newbie')
    await wrapper.get('[data-testid=auth-password] input').setValue('password123')
    await wrapper.get('form').trigger('submit')
    await flush()
    const sent = (client.executeMutation.mock.calls[0] as unknown[])[0] as { variables: { input: Record<string, unknown> } }
    expect(sent.variables.input).toEqual({ username: 'newbie', password: 'password123', referralCode: 'ABCD2345' })
    expect(wrapper.get('[data-testid=field-referral-code]').text()).toContain(ru.errors.AuthErrorCode.INVALID_REFERRAL)
    wrapper.unmount()
  })
})
