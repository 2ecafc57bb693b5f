import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import DicePage from '@/pages/dnd/DicePage.vue'
import ru from '@/pages/dnd/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const term = (notation: string, sides: number, rolls: number[], kept: boolean[], subtotal: number) => ({
  __typename: 'DiceTerm', notation, negative: false, sides, rolls, kept, subtotal,
})
const roll = (id: string, notation: string, total: number, terms: ReturnType<typeof term>[], reason: string | null) => ({
  __typename: 'DiceRoll', id, notation, total, reason, rolls: terms.flatMap((t) => t.rolls), terms,
  createdAt: '2026-12-01T10:00:00Z', roller: { __typename: 'PublicUser', id: '1', username: 'neo' }, sessionId: null,
})

function server(history: () => ReturnType<typeof roll>[], answer: (input: Record<string, unknown>) => unknown) {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'MyDiceRolls':
        return {
          myDiceRolls: {
            __typename: 'DiceRollConnection',
            edges: history().map((node) => ({ __typename: 'DiceRollEdge', cursor: `c${node.id}`, node })),
            pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null },
          },
        }
      case 'DiceRoll':
        return answer((op.variables as { input: Record<string, unknown> }).input)
      default:
        return {}
    }
  })
}

describe('DicePage', () => {
  it('explains a bad notation under the field, then shows a roll with its dropped die and refreshes the history', async () => {
    const kept = roll('2', '4d6kh3', 13, [term('4d6kh3', 6, [6, 1, 4, 3], [true, false, true, true], 13)], 'сила')
    const rolled: ReturnType<typeof roll>[] = []
    const sent: Record<string, unknown>[] = []
    const { client, calls } = server(() => rolled, (input) => {
      sent.push(input)
      if (input.notation === '2d6++3') {
        return { diceRoll: { __typename: 'DiceRollPayload', roll: null, errors: [{ __typename: 'DndError', code: 'INVALID_DICE', field: 'notation', message: 'server text' }] } }
      }
      rolled.unshift(kept)
      return { diceRoll: { __typename: 'DiceRollPayload', roll: kept, errors: [] } }
    })
    const wrapper = mountWithApp(DicePage, { client })
    await flush()
    expect(wrapper.find('[data-testid=rolls-empty]').exists()).toBe(true)

    await wrapper.get('[data-testid=roll-notation] input').setValue('2d6++3')
    await wrapper.get('[data-testid=roll-form]').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-notation]').text()).toContain(ru.errors.DndErrorCode.INVALID_DICE)

    await wrapper.get('[data-testid=roll-notation] input').setValue('4d6kh3')
    await wrapper.get('[data-testid=roll-reason] input').setValue('сила')
    await wrapper.get('[data-testid=roll-form]').trigger('submit')
    await flush()
    await flush()
    expect(sent[1]).toEqual({ notation: '4d6kh3', reason: 'сила', sessionId: null })
    expect(wrapper.get('[data-testid=field-notation]').text()).not.toContain(ru.errors.DndErrorCode.INVALID_DICE)
    const last = wrapper.get('[data-testid=last-roll]')
    expect(last.findAll('[data-testid=die]').map((d) => [d.text(), d.attributes('data-kept')])).toEqual([
      ['6', 'true'], ['1', 'false'], ['4', 'true'], ['3', 'true'],
    ])
    expect(last.get('[data-testid=roll-total]').text()).toBe('13')
    expect(calls.filter((c) => c.startsWith('MyDiceRolls')).length).toBe(2)
    expect(wrapper.findAll('[data-testid=history-row]').length).toBe(1)
    wrapper.unmount()
  })
})
