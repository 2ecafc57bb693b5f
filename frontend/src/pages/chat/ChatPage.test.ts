import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import ChatPage from '@/pages/chat/ChatPage.vue'
import ru from '@/pages/chat/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const author = (id: string, username: string) => ({ __typename: 'PublicUser', id, username })
const message = (id: string, text: string, who = author('2', 'trinity'), channel = 'global') => ({
  __typename: 'ChatMessage', id, text, channel, createdAt: '2026-12-03T10:00:00+00:00', author: who,
})
const me = { __typename: 'User', id: '1', username: 'neo', role: 'USER', createdAt: '2026-01-01T00:00:00+00:00', telegramLinked: false, balances: [] }

function server(sendErrors: { code: string; field: string | null; message: string }[] = []) {
  return scriptedClient((op: Operation) => {
    const body = op.query.loc?.source.body ?? ''
    if (body.includes('chatChannels')) {
      return { chatChannels: [
        { __typename: 'ChatChannel', name: 'global', kind: 'global', user: null },
        { __typename: 'ChatChannel', name: 'clan', kind: 'clan', user: null },
        { __typename: 'ChatChannel', name: 'dm:2', kind: 'dm', user: author('2', 'trinity') },
      ] }
    }
    if (body.includes('chatMessages')) return { chatMessages: [message('11', 'second'), message('10', 'first')] }
    if (body.includes('chatSend')) {
      const sent = sendErrors.length ? null : message('12', 'hello ****', author('1', 'neo'))
      return { chatSend: { __typename: 'ChatSendPayload', message: sent, errors: sendErrors.map((e) => ({ __typename: 'ChatError', ...e })) } }
    }
    if (body.includes('query Me')) return { me }
    return {}
  })
}

describe('ChatPage', () => {
  it('lists the channels, shows the history oldest first and adds live messages', async () => {
    const { client, calls, push } = server()
    const wrapper = mountWithApp(ChatPage, { client })
    await flush()
    expect(wrapper.findAll('[data-testid=chat-tabs] [role=tab]').map((t) => t.text())).toEqual([ru.chat.global, ru.chat.clan, '@trinity'])
    expect(calls.find((c) => c.startsWith('ChatMessages'))).toContain('"channel":"global"')
    const texts = () => wrapper.findAll('[data-testid=chat-text]').map((t) => t.text())
    expect(texts()).toEqual(['first', 'second'])
    push({ chatMessage: message('13', 'live one') })
    await flush()
    expect(texts()).toEqual(['first', 'second', 'live one'])
    await wrapper.get('[data-channel="dm:2"]').trigger('click')
    await flush()
    expect(calls.at(-1)).toContain('"channel":"dm:2"')
    wrapper.unmount()
  })

  it('sends a message and shows the server refusal in the reader language', async () => {
    const { client, calls } = server([{ code: 'CHAT_RATE_LIMITED', field: null, message: 'slow down' }])
    const wrapper = mountWithApp(ChatPage, { client })
    await flush()
    await wrapper.get('[data-testid=chat-input] input').setValue('hello')
    await wrapper.get('[data-testid=chat-send-form]').trigger('submit')
    await flush()
    expect(calls.at(-1)).toContain('"text":"hello"')
    expect(wrapper.get('[data-testid=chat-error]').text()).toBe(ru.errors.ChatErrorCode.CHAT_RATE_LIMITED)
    wrapper.unmount()
  })
})
