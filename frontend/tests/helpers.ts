import { defineComponent, h, shallowRef, type Component } from 'vue'
import { mount } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import urql from '@urql/vue'
import { NConfigProvider, NMessageProvider } from 'naive-ui'
import { filter, fromValue, makeSubject, map, merge, mergeMap, never, pipe, share, type Source } from 'wonka'
import { Client, makeResult, type Exchange, type Operation, type OperationResult } from '@urql/core'
import { vi } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { i18n } from '@/i18n'
import { routes } from '@/router'
import { graphCache } from '@/urql/cache'

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

export type Answer = (op: Operation) => unknown

/** A real urql client with the app's graphcache in front of a scripted server. */
export function scriptedClient(answer: Answer) {
  const live = makeSubject<unknown>()
  const calls: string[] = []
  const server: Exchange = () => (ops$) => {
    const shared = pipe(ops$, share)
    const name = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean) ?? ''
    return merge([
      pipe(shared, filter((op) => op.kind === 'query' || op.kind === 'mutation'), mergeMap((op) => {
        calls.push(`${name(op)} ${JSON.stringify(op.variables)}`)
        return fromValue(makeResult(op, { data: answer(op) as Record<string, unknown> }))
      })),
      pipe(shared, filter((op) => op.kind === 'subscription'), mergeMap((op) => pipe(live.source, map((data) => makeResult(op, { data: data as Record<string, unknown> }))))),
    ])
  }
  const client = new Client({ url: 'http://test/graphql', exchanges: [graphCache(), server], requestPolicy: 'cache-first' })
  return { client, calls, push: live.next }
}

export function subscriptionSource() {
  const subject = makeSubject<OperationResult>()
  return {
    source: subject.source,
    push: (data: unknown) => subject.next({ data, stale: false, hasNext: true } as unknown as OperationResult),
  }
}

/** Mounts a component inside Naive's providers with i18n, Pinia and the given urql client. */
export function mountWithApp(component: Component, { client, props = {} }: { client: ReturnType<typeof mockClient> | Client; props?: Record<string, unknown> }) {
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
