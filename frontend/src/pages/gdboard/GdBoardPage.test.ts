import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import GdBoardPage from '@/pages/gdboard/GdBoardPage.vue'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const level = (id: string, position: number, name: string, points: number) => ({
  __typename: 'GdLevel', id, position, name, creator: 'Zoink', gdId: `${id}00`, difficulty: 'EXTREME_DEMON', points,
})

function server(sent: string[]) {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'Me':
        return { me: { __typename: 'User', id: '3', username: 'carol', role: 'USER', createdAt: '2026-12-01T00:00:00Z', telegramLinked: false, balances: [] } }
      case 'GdBoard':
        return {
          gdLevels: [level('1', 1, 'Tidal Wave', 250), level('2', 2, 'Acheron', 238)],
          gdLeaderboard: [{ __typename: 'GdStanding', rank: 1, points: 250, completions: 1, player: { __typename: 'PublicUser', id: '4', username: 'dave' }, hardest: { __typename: 'GdLevel', id: '1', name: 'Tidal Wave', position: 1 } }],
        }
      case 'GdMine':
        return { gdMyStanding: null, gdMySubmissions: { __typename: 'GdSubmissionConnection', edges: [] } }
      case 'GdSubmissionCreate':
        sent.push(JSON.stringify(op.variables))
        return { gdSubmissionCreate: { __typename: 'GdSubmissionPayload', submission: null, errors: [{ __typename: 'GdError', code: 'INVALID_VIDEO_URL', field: 'videoUrl', message: 'server text' }] } }
      default:
        return {}
    }
  })
}

describe('GdBoardPage', () => {
  it('lists the levels and the leaderboard, and shows a refused submission in Russian', async () => {
    const sent: string[] = []
    const { client } = server(sent)
    const wrapper = mountWithApp(GdBoardPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=gd-level-1]').text()).toContain('Tidal Wave')
    expect(wrapper.get('[data-testid=gd-level-2]').text()).toContain('238 очков')
    expect(wrapper.get('[data-testid=gd-leaderboard]').text()).toContain('1. dave')
    expect(wrapper.find('[data-testid=gd-queue]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=gd-up]').exists()).toBe(false)
    await wrapper.get('[data-testid=gd-submit]').trigger('submit')
    await flush()
    expect(sent).toEqual([])
    expect(wrapper.get('[data-testid=gd-submit-card]').text()).toContain('Выберите уровень')
  })
})
