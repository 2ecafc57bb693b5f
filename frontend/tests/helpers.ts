import { defineComponent, h, shallowRef, type Component } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import urql from '@urql/vue'
import { NConfigProvider, NMessageProvider } from 'naive-ui'
import { fromValue, makeSubject, never, type Source } from 'wonka'
import type { Client, OperationResult } from '@urql/core'
import { vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { routes } from '@/router'

type Responder = (request: { query: unknown; variables: Record<string, unknown> }) => unknown

/** A stand-in urql client: queries and mutations answer with `data` from the responders. */
export function mockClient(options: { query?: Responder; mutation?: Responder; subscription?: Source<OperationResult> } = {}) {
  const respond = (responder?: Responder) =>
    vi.fn((request: { query: unknown; variables: Record<string, unknown> }) =>
      responder ? fromValue({ data: responder(request), stale: false, hasNext: false } as unknown as OperationResult) : never,
    )
  return {
    executeQuery: respond(options.query),
    executeMutation: respond(options.mutation),
    executeSubscription: vi.fn(() => options.subscription ?? never),
  }
}

export function subscriptionSource() {
  const subject = makeSubject<OperationResult>()
  return {
    source: subject.source,
    push: (data: unknown) => subject.next({ data, stale: false, hasNext: true } as unknown as OperationResult),
  }
}

/** Mounts a component inside Naive's providers with i18n, Pinia and the given urql client. */
export function mountWithApp(component: Component, { client, props = {} }: { client: ReturnType<typeof mockClient>; props?: Record<string, unknown> }) {
  const pinia = createPinia()
  setActivePinia(pinia)
  i18n.global.locale.value = 'ru'
  const Root = defineComponent({
    setup: () => () => h(NConfigProvider, null, { default: () => h(NMessageProvider, null, { default: () => h(component, props) }) }),
  })
  const router = createRouter({ history: createMemoryHistory(), routes })
  return mount(Root, {
    global: { plugins: [pinia, i18n, router, [urql, shallowRef(client as unknown as Client)]] },
    attachTo: document.body,
  })
}

export const flush = () => new Promise((resolve) => setTimeout(resolve, 0))
