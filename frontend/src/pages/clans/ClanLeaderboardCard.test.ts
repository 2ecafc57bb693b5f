import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import ClanLeaderboardCard from '@/pages/clans/components/ClanLeaderboardCard.vue'
import ru from '@/pages/clans/i18n/ru.json'
import en from '@/pages/clans/i18n/en.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const clan = (id: string, name: string) => ({ __typename: 'Clan', id, name, level: 2, memberCount: 3 })
const entry = (rank: number, score: number, previousRank: number | null, id: string, name: string) => ({ __typename: 'ClanLeaderboardEntry', rank, score, previousRank, clan: clan(id, name) })
const board = (period: string, periodKey: string, entries: ReturnType<typeof entry>[], viewer: ReturnType<typeof entry> | null = null) => ({ __typename: 'ClanLeaderboard', period, periodKey, entries, viewer })

function server() {
  return scriptedClient((op) => {
    if (opName(op) !== 'ClanLeaderboard') return {}
    const vars = (op.variables ?? {}) as { period: string; at?: string | null }
    if (vars.at) return { clanLeaderboard: board(vars.period, 'WEEKLY:2026-11-23', [entry(1, 90, null, '8', 'Cats'), entry(2, 40, null, '7', 'Owls')]) }
    if (vars.period === 'ALL_TIME') return { clanLeaderboard: board('ALL_TIME', 'ALL_TIME', [entry(1, 500, null, '7', 'Owls')]) }
    return { clanLeaderboard: board(vars.period, `${vars.period}:2026-11-30`, [entry(1, 60, 2, '7', 'Owls'), entry(2, 30, 1, '8', 'Cats'), entry(3, 10, null, '9', 'Dogs')], entry(1, 60, 2, '7', 'Owls')) }
  })
}

const rows = (wrapper: ReturnType<typeof mountWithApp>) =>
  wrapper.findAll('[data-testid=clan-board-row]').map((r) => [r.attributes('data-rank'), r.attributes('data-name'), r.find('[data-testid=clan-board-change]').exists() ? r.get('[data-testid=clan-board-change]').attributes('data-change') : null])

describe('ClanLeaderboardCard', () => {
  it('shows rank changes, the previous period on demand and other periods by tab', async () => {
    const { client, calls } = server()
    const wrapper = mountWithApp(ClanLeaderboardCard, { client })
    await flush()
    await flush()
    expect(rows(wrapper)).toEqual([['1', 'Owls', 'up'], ['2', 'Cats', 'down'], ['3', 'Dogs', 'new']])
    expect(wrapper.get('[data-testid=clan-board-change][data-change=up]').attributes('aria-label')).toBe(ru.clans.boardPast.change.up.replace('{n}', '1'))
    const previous = wrapper.get('[data-testid=clan-board-previous]')
    expect(previous.text()).toBe(ru.clans.boardPast.previous)
    await previous.trigger('click')
    await flush()
    await flush()
    expect(rows(wrapper).map((r) => r[1])).toEqual(['Cats', 'Owls'])
    expect(wrapper.get('[data-testid=clan-board-key]').text()).toContain('2026-11-23')
    const asked = calls.filter((c) => c.startsWith('ClanLeaderboard ')).map((c) => JSON.parse(c.slice('ClanLeaderboard '.length)) as { at?: string | null })
    expect(asked.some((v) => v.at === '2026-11-29T23:59:59.999Z')).toBe(true)
    await wrapper.get('[data-testid=clan-board-previous]').trigger('click')
    await flush()
    expect(rows(wrapper).map((r) => r[1])).toEqual(['Owls', 'Cats', 'Dogs'])
    await wrapper.get('[data-testid=clan-board-ALL_TIME]').trigger('click')
    await flush()
    await flush()
    expect(rows(wrapper)).toEqual([['1', 'Owls', null]])
    expect(wrapper.find('[data-testid=clan-board-previous]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('takes the board pushed live by clanLeaderboardChanged', async () => {
    const { client, push } = server()
    const wrapper = mountWithApp(ClanLeaderboardCard, { client })
    await flush()
    await flush()
    push({ clanLeaderboardChanged: board('WEEKLY', 'WEEKLY:2026-11-30', [entry(1, 75, 1, '8', 'Cats'), entry(2, 60, 2, '7', 'Owls')], entry(2, 60, 2, '7', 'Owls')) })
    await flush()
    expect(rows(wrapper)).toEqual([['1', 'Cats', 'same'], ['2', 'Owls', 'same']])
    expect(wrapper.findAll('[data-testid=clan-board-score]').map((s) => s.text())).toEqual([ru.clans.score.replace('{n}', '75'), ru.clans.score.replace('{n}', '60')])
    wrapper.unmount()
  })

  it('has every board text in English too', () => {
    expect(Object.keys(en.clans.boardPast).sort()).toEqual(Object.keys(ru.clans.boardPast).sort())
    expect(Object.keys(en.clans.boardPast.change).sort()).toEqual(Object.keys(ru.clans.boardPast.change).sort())
  })
})
