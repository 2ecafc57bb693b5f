import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import GamePage from '@/pages/games/GamePage.vue'
import ru from '@/pages/games/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const user = (id: string, username: string) => ({ __typename: 'PublicUser', id, username })
const player = (id: string, name: string, seat: number, score: number) => ({
  __typename: 'GamePlayer', user: user(id, name), seat, status: 'ACTIVE', score, lives: 3, difficulty: null, attempts: 0,
})

function session(last: string | null, next: string | null, used: string[], turn: [string, string]) {
  return {
    __typename: 'GameSession', id: '5', game: 'CITIES', mode: 'classic', status: 'RUNNING', host: user('1', 'alice'), turn: user(...turn),
    turnNo: used.length + 1, turnEndsAt: new Date(Date.now() + 60_000).toISOString(), triesLeft: 3, winner: null, reward: null,
    lastCity: last, nextLetter: next, usedCities: used, pattern: null, word: null, theme: null, wrongLetters: [], misses: 0,
    maxMisses: null, levels: [], players: [player('1', 'alice', 0, used.length), player('2', 'bob', 1, 0)],
  }
}

let current = session('Москва', 'а', ['Москва'], ['2', 'bob'])

function server() {
  current = session('Москва', 'а', ['Москва'], ['2', 'bob'])
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'Me':
        return { me: { __typename: 'User', id: '2', username: 'bob', role: 'USER', createdAt: '2026-12-01T00:00:00Z', telegramLinked: false, balances: [] } }
      case 'Game':
        return { game: { ...current, moves: [] } }
      case 'GameMove':
        return { gameMove: { __typename: 'GameMovePayload', session: session('Москва', 'а', ['Москва'], ['2', 'bob']), errors: [{ __typename: 'GameError', code: 'WRONG_LETTER', field: 'move', message: 'server text' }] } }
      default:
        return {}
    }
  })
}

describe('GamePage', () => {
  it('shows the board, whose turn it is, and follows gameEvents live', async () => {
    const { client, push } = server()
    const wrapper = mountWithApp(GamePage, { client, props: { id: '5' } })
    await flush()
    expect(wrapper.get('[data-testid=last-city]').text()).toBe('Москва')
    expect(wrapper.get('[data-testid=next-letter]').text()).toBe('А')
    expect(wrapper.get('[data-testid=turn]').text()).toContain(ru.games.yourTurn)
    current = session('Анапа', 'а', ['Москва', 'Анапа'], ['1', 'alice'])
    push({ gameEvents: { __typename: 'GameEvent', kind: 'game.moved', session: current } })
    await flush()
    expect(wrapper.get('[data-testid=used-cities]').text()).toContain('Москва → Анапа')
    wrapper.unmount()
  })

  it('explains a refused city in Russian', async () => {
    const { client } = server()
    const wrapper = mountWithApp(GamePage, { client, props: { id: '5' } })
    await flush()
    await wrapper.get('[data-testid=move-input] input').setValue('Тула')
    await wrapper.get('form.move').trigger('submit')
    await flush()
    await flush()
    expect(wrapper.get('[data-testid=move-error]').text()).toBe(ru.errors.GameErrorCode.WRONG_LETTER)
    wrapper.unmount()
  })
})
