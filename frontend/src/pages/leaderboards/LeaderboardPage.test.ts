import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import LeaderboardPage from '@/pages/leaderboards/LeaderboardPage.vue'
import ru from '@/pages/leaderboards/i18n/ru.json'
import en from '@/pages/leaderboards/i18n/en.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

type Vars = { board: string; period: string; first: number; at?: string | null }
const entry = (rank: number, username: string, score: number, previousRank: number | null = null, id = String(rank + 10)) => ({
  __typename: 'LeaderboardEntry', rank, score, previousRank, user: { __typename: 'PublicUser', id, username },
})
const boards: Record<string, unknown> = {
  ALL_TIME: { entries: [entry(1, 'trinity', 900), entry(2, 'neo', 450), entry(3, 'tank', 20)], viewer: { __typename: 'LeaderboardViewer', rank: 2, score: 450, previousRank: null } },
  DAILY: { entries: [entry(1, 'tank', 5, 3), entry(2, 'neo', 4, 1), entry(3, 'smith', 2)], viewer: null },
}

function server() {
  return scriptedClient((op: Operation) => {
    if (op.query.loc?.source.body.includes('leaderboardBoards')) return { leaderboardBoards: ['coins', 'achievements'] }
    const vars = op.variables as Vars
    const found = (boards[vars.period] ?? { entries: [], viewer: null }) as object
    const periodKey = vars.period === 'ALL_TIME' ? 'ALL_TIME' : vars.at ? `${vars.period}:2026-12-02` : `${vars.period}:2026-12-03`
    return { leaderboard: { __typename: 'Leaderboard', board: vars.board, period: vars.period, periodKey, around: [], ...found } }
  })
}

describe('LeaderboardPage', () => {
  it('shows the all-time coin board with medals and the viewer highlighted', async () => {
    const { client, calls } = server()
    const wrapper = mountWithApp(LeaderboardPage, { client })
    await flush()
    const first = calls.find((c) => c.startsWith('LeaderboardPage')) ?? ''
    expect(first).toContain('"board":"coins"')
    expect(first).toContain('"period":"ALL_TIME"')
    expect(first).toContain('"first":100')
    const rows = wrapper.findAll('[data-testid=leaderboard-row]')
    expect(rows.map((r) => [r.attributes('data-username'), r.attributes('data-me')])).toEqual([['trinity', 'no'], ['neo', 'yes'], ['tank', 'no']])
    expect(rows[0].get('[data-testid=leaderboard-rank]').classes()).toContain('place-1')
    expect(rows[1].attributes('aria-current')).toBe('true')
    expect(wrapper.get('[data-testid=viewer-place]').text()).toContain('№2')
    expect(wrapper.find('[data-testid=leaderboard-change]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('switches periods with the tabs and says when the viewer is not ranked', async () => {
    const { client, calls } = server()
    const wrapper = mountWithApp(LeaderboardPage, { client })
    const periodTabs = () => wrapper.findAll('[data-testid=period-tabs] [role=tab]')
    await flush()
    const tabs = periodTabs()
    expect(tabs.map((t) => t.text())).toEqual(['Сегодня', 'Неделя', 'Месяц', 'За всё время'])
    await tabs[0].trigger('click')
    await flush()
    expect(calls.at(-1)).toContain('"period":"DAILY"')
    const rows = wrapper.findAll('[data-testid=leaderboard-row]')
    expect(rows.map((r) => r.attributes('data-username'))).toEqual(['tank', 'neo', 'smith'])
    expect(rows.map((r) => [r.get('[data-testid=leaderboard-change]').attributes('data-change'), r.get('[data-testid=leaderboard-change]').text()]))
      .toEqual([['up', '▲2'], ['down', '▼1'], ['new', '•']])
    expect(wrapper.get('[data-testid=viewer-none]').text()).toBe(ru.leaderboards.signIn)
    await periodTabs()[1].trigger('click')
    await flush()
    expect(wrapper.get('[data-testid=leaderboard-empty]').text()).toContain(ru.leaderboards.empty)
    wrapper.unmount()
  })

  it('switches boards and shows what leaderboardChanged pushes', async () => {
    const { client, calls, push } = server()
    const wrapper = mountWithApp(LeaderboardPage, { client })
    await flush()
    const boardTabs = wrapper.findAll('[data-testid=board-tabs] [role=tab]')
    expect(boardTabs.map((t) => t.text())).toEqual([ru.leaderboards.boards.coins, ru.leaderboards.boards.achievements])
    await boardTabs[1].trigger('click')
    await flush()
    expect(calls.at(-1)).toContain('"board":"achievements"')
    expect(wrapper.get('[data-testid=period-hint]').text()).toBe(ru.leaderboards.boardHints.achievements)
    // a push for the board shown replaces the list; one for another board is ignored
    push({ leaderboardChanged: { __typename: 'Leaderboard', board: 'coins', period: 'ALL_TIME', periodKey: 'ALL_TIME', entries: [entry(1, 'smith', 1, null, '40')], viewer: null } })
    await flush()
    expect(wrapper.findAll('[data-testid=leaderboard-row]').map((r) => r.attributes('data-username'))).toEqual(['trinity', 'neo', 'tank'])
    push({ leaderboardChanged: { __typename: 'Leaderboard', board: 'achievements', period: 'ALL_TIME', periodKey: 'ALL_TIME', entries: [entry(1, 'morpheus', 60, null, '41'), entry(2, 'neo', 25, null, '12')], viewer: null } })
    await flush()
    expect(wrapper.findAll('[data-testid=leaderboard-row]').map((r) => [r.attributes('data-username'), r.get('[data-testid=leaderboard-score]').text()])).toEqual([['morpheus', '60'], ['neo', '25']])
    wrapper.unmount()
  })

  it('has the same texts in Russian and English', () => {
    const keys = (tree: object, prefix = ''): string[] =>
      Object.entries(tree).flatMap(([k, v]) => (typeof v === 'object' ? keys(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]))
    expect(keys(ru).sort()).toEqual(keys(en).sort())
  })

  it('reads the previous period and shows the players around a viewer below the list', async () => {
    const { client, calls } = scriptedClient((op: Operation) => {
      if (op.query.loc?.source.body.includes('leaderboardBoards')) return { leaderboardBoards: ['coins'] }
      const vars = op.variables as Vars
      const periodKey = vars.at ? `${vars.period}:2026-12-02` : `${vars.period}:2026-12-03`
      return {
        leaderboard: {
          __typename: 'Leaderboard', board: vars.board, period: vars.period, periodKey,
          entries: [entry(1, 'trinity', 900)],
          viewer: { __typename: 'LeaderboardViewer', rank: 7, score: 40, previousRank: null },
          around: [entry(6, 'tank', 41), entry(7, 'neo', 40), entry(8, 'smith', 39)],
        },
      }
    })
    const wrapper = mountWithApp(LeaderboardPage, { client })
    await flush()
    await wrapper.get('[data-testid=period-DAILY]').trigger('click')
    await flush()
    const near = wrapper.findAll('[data-testid=around-row]')
    expect(near.map((r) => [r.attributes('data-rank'), r.attributes('data-username')])).toEqual([['6', 'tank'], ['7', 'neo'], ['8', 'smith']])
    await wrapper.get('[data-testid=period-previous]').trigger('click')
    await flush()
    expect(calls.some((c) => c.includes('"at":"2026-12-02T23:59:59.999Z"'))).toBe(true)
    expect(wrapper.get('[data-testid=period-key]').text()).toContain('2026-12-02')
    wrapper.unmount()
  })
})
