import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import ClanPage from '@/pages/clans/ClanPage.vue'
import ru from '@/pages/clans/i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const user = (id: string, username: string) => ({ __typename: 'PublicUser', id, username })
const member = (id: string, username: string, role: string, xp: number) => ({ __typename: 'ClanMember', role, xp, joinedAt: '2026-12-01T10:00:00Z', user: user(id, username) })
const goal = (id: string, template: string, title: string, progress: number, target: number, status: string) => ({
  __typename: 'ClanGoal', id, template, title, target, progress, rewardXp: 150, rewardCoin: 500, status, expiresAt: '2026-12-07T00:00:00Z', reachedAt: null,
})
const clan = (treasury: number) => ({
  __typename: 'Clan', id: '7', name: 'Owls', open: true, memberCount: 2, maxMembers: 50, level: 2, xp: 150, nextLevelXp: 300,
  perks: ['badge'], treasury, leader: user('1', 'neo'),
  members: [member('1', 'neo', 'LEADER', 100), member('2', 'trinity', 'MEMBER', 50)],
  goals: [goal('11', 'treasury', 'Внести в казну 5000 COIN', 5000, 5000, 'REACHED'), goal('12', 'wins', 'Участники выиграли 20 игр', 4, 20, 'ACTIVE')],
})

function server(meId: string) {
  let treasury = 500
  return scriptedClient((op) => {
    const name = opName(op) ?? ''
    if (name === 'ClanContribute') {
      const amount = Number((op.variables as { input: { amount: string } }).input.amount)
      if (amount > 100) return { clanContribute: { __typename: 'ClanPayload', clan: null, errors: [{ __typename: 'ClanError', code: 'INSUFFICIENT_FUNDS', field: 'amount', message: 'x' }] } }
      treasury += amount
      return { clanContribute: { __typename: 'ClanPayload', clan: clan(treasury), errors: [] } }
    }
    if (name === 'Clan') {
      return {
        clan: clan(treasury),
        myClan: { __typename: 'Clan', id: '7' },
        me: { __typename: 'User', id: meId, username: meId === '1' ? 'neo' : 'trinity' },
        clanRequests: meId === '1' ? [{ __typename: 'ClanRequest', id: '30', createdAt: '2026-12-02T10:00:00Z', user: user('3', 'tank') }] : [],
        clanGoalTemplates: [{ __typename: 'ClanGoalTemplate', key: 'daily', title: 'Забрать ежедневный бонус 25 раз', target: 25, rewardXp: 80, rewardCoin: 150 }],
      }
    }
    if (name === 'ClanLeaderboard') {
      return { clanLeaderboard: { __typename: 'ClanLeaderboard', period: 'WEEKLY', periodKey: 'WEEKLY:2026-11-30', entries: [{ __typename: 'ClanLeaderboardEntry', rank: 1, score: 150, previousRank: null, clan: { __typename: 'Clan', id: '7', name: 'Owls', level: 2, memberCount: 2 } }], viewer: null } }
    }
    return {}
  })
}

describe('ClanPage', () => {
  it('shows the leader the goals with progress, members with actions, requests and the board', async () => {
    const { client } = server('1')
    const wrapper = mountWithApp(ClanPage, { client, props: { id: '7' } })
    await flush()
    await flush()
    const goals = wrapper.findAll('[data-testid=clan-goal]')
    expect(goals.map((g) => [g.attributes('data-template'), g.attributes('data-status')])).toEqual([['treasury', 'REACHED'], ['wins', 'ACTIVE']])
    expect(goals[1].text()).toContain('Участники выиграли 20 игр')
    expect(wrapper.find('[data-testid=clan-goal-pick]').exists()).toBe(true)
    const trinity = wrapper.get('[data-testid=clan-member][data-username=trinity]')
    expect(trinity.find('[data-testid=member-promote]').exists()).toBe(true)
    expect(trinity.find('[data-testid=member-kick]').exists()).toBe(true)
    expect(wrapper.get('[data-testid=clan-request]').text()).toContain('tank')
    expect(wrapper.get('[data-testid=clan-board-row]').attributes('data-name')).toBe('Owls')
    expect(wrapper.get('[data-testid=clan-chat]').attributes('href')).toBe('/chat')
    expect(wrapper.get('[data-testid=clan-perk]').text()).toBe(ru.clans.perk.badge)
    wrapper.unmount()
  })

  it('lets a member contribute, and says in Russian why a contribution is refused', async () => {
    const { client, calls } = server('2')
    const wrapper = mountWithApp(ClanPage, { client, props: { id: '7' } })
    await flush()
    await flush()
    expect(wrapper.find('[data-testid=clan-goal-pick]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=clan-requests]').exists()).toBe(false)
    expect(wrapper.find('[data-testid=member-kick]').exists()).toBe(false)
    const input = wrapper.get('[data-testid=clan-contribute-amount] input')
    await input.setValue('1000')
    await wrapper.get('[data-testid=clan-contribute-form]').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-contribute-amount]').text()).toContain(ru.errors.ClanErrorCode.INSUFFICIENT_FUNDS)
    await input.setValue('40')
    await wrapper.get('[data-testid=clan-contribute-form]').trigger('submit')
    await flush()
    await flush()
    expect(wrapper.get('[data-testid=clan-treasury-amount]').attributes('data-amount')).toBe('540')
    const sent = calls.filter((c) => c.startsWith('ClanContribute')).map((c) => JSON.parse(c.slice('ClanContribute '.length)) as { input: { idempotencyKey: string } })
    expect(sent).toHaveLength(2)
    expect(sent[0].input.idempotencyKey).not.toBe(sent[1].input.idempotencyKey)
    wrapper.unmount()
  })
})
