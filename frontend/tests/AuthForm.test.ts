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
import { useAuthStore } from '@/stores/auth'
import ru from '@/pages/auth/i18n/ru.json'
import { flush, mockClient } from './helpers'

function setup(client: ReturnType<typeof mockClient>, mode: 'signin' | 'signup') {
  const pinia = createPinia()
  setActivePinia(pinia)
  i18n.global.locale.value = 'ru'
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/', component: { render: () => null } },
      { path: '/signin', name: 'signin', component: { render: () => null } },
      { path: '/signup', name: 'signup', component: { render: () => null } },
    ],
  })
  const Root = defineComponent({ setup: () => () => h(NConfigProvider, null, { default: () => h(NMessageProvider, null, { default: () => h(AuthForm, { mode }) }) }) })
  const wrapper = mount(Root, { global: { plugins: [pinia, i18n, router, [urql, shallowRef(client as unknown as Client)]] }, attachTo: document.body })
  return { wrapper, router, auth: useAuthStore() }
}

async function submit(wrapper: ReturnType<typeof mount>, username: string, password: string) {
  await wrapper.get('[data-testid=auth-username] input').setValue(username)
  await wrapper.get('[data-testid=auth-password] input').setValue(password)
  await wrapper.get('form').trigger('submit')
  await flush()
}

describe('AuthForm', () => {
  it('puts each payload error next to its field, translated', async () => {
    const client = mockClient({
      mutation: () => ({ authRegister: { accessToken: null, refreshToken: null, user: null, errors: [
        { code: 'USERNAME_TAKEN', field: 'username', message: 'taken' },
        { code: 'WEAK_PASSWORD', field: 'password', message: 'weak' },
      ] } }),
    })
    const { wrapper, auth } = setup(client, 'signup')
    await submit(wrapper, 'neo', '123')
    expect(wrapper.get('[data-testid=field-username]').text()).toContain(ru.errors.AuthErrorCode.USERNAME_TAKEN)
    expect(wrapper.get('[data-testid=field-password]').text()).toContain(ru.errors.AuthErrorCode.WEAK_PASSWORD)
    expect(auth.signedIn).toBe(false)
    wrapper.unmount()
  })

  it('asks for empty fields without calling the server', async () => {
    const client = mockClient({ mutation: vi.fn() })
    const { wrapper } = setup(client, 'signin')
    await submit(wrapper, '', '')
    expect(wrapper.get('[data-testid=field-username]').text()).toContain(ru.auth.required)
    expect(client.executeMutation).not.toHaveBeenCalled()
    const username = wrapper.get('#auth-username')
    expect(username.attributes('aria-invalid')).toBe('true')
    expect(document.getElementById(username.attributes('aria-describedby') ?? '')?.textContent).toBe(ru.auth.required)
    wrapper.unmount()
  })

  it('shows the password on request', async () => {
    const { wrapper } = setup(mockClient(), 'signin')
    expect(wrapper.get('#auth-password').attributes('type')).toBe('password')
    await wrapper.get('[data-testid=field-password] button').trigger('click')
    expect(wrapper.get('#auth-password').attributes('type')).toBe('text')
    wrapper.unmount()
  })

  it('stores the tokens and goes home on success', async () => {
    const client = mockClient({
      mutation: () => ({ authLogin: { accessToken: 'a1', refreshToken: 'r1', user: { id: '1', username: 'neo', role: 'USER' }, errors: [] } }),
    })
    const { wrapper, auth, router } = setup(client, 'signin')
    await router.push('/signin')
    await submit(wrapper, 'neo', 'secret-pass')
    await flush()
    expect(auth.accessToken).toBe('a1')
    expect(JSON.parse(localStorage.getItem('lucas.auth') ?? '{}')).toEqual({ accessToken: 'a1', refreshToken: 'r1' })
    expect(router.currentRoute.value.path).toBe('/')
    wrapper.unmount()
  })
})
