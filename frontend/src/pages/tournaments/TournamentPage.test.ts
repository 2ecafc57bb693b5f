import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import TournamentPage from '@/pages/tournaments/TournamentPage.vue'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const user = (id: string, username: string) => ({ __typename: 'PublicUser', id, username })
const entry = (id: string, name: string, seed: number, place: number | null = null, prize = 0) => ({ __typename: 'TournamentEntry', seed, place, prize, user: user(id, name) })

function match(id: string, round: number, players: [string, string][], status: string, winner: [string, string] | null = null, decidedBy: string | null = null) {
  return {
    __typename: 'TournamentMatch', id, position: Number(id), bracket: 'WINNERS', round, status, decidedBy, deadlineAt: status === 'READY' ? '2030-01-01T00:00:00Z' : null,
    players: players.map((p) => user(...p)), winner: winner ? user(...winner) : null, reports: [],
  }
}

function tournament(status: string, matches: ReturnType<typeof match>[], players = [entry('2', 'bob', 1), entry('3', 'carol', 2), entry('4', 'dave', 3)]) {
  return {
    __typename: 'Tournament', id: '9', name: 'Friday Cup', format: 'SINGLE_ELIMINATION', status, currency: 'COIN', entryFee: 10, prizeBonus: 0,
    prizePool: 30, maxPlayers: 8, minLevel: 0, matchHours: 24, playerCount: 3, joined: true, createdAt: '2026-12-03T09:00:00Z',
    startedAt: '2026-12-03T10:00:00Z', finishedAt: null, organizer: user('1', 'mod'), players, matches,
  }
}

const running = tournament('RUNNING', [
  match('1', 1, [['2', 'bob']], 'DONE', ['2', 'bob'], 'BYE'),
  match('2', 1, [['3', 'carol'], ['4', 'dave']], 'READY'),
  match('3', 2, [['2', 'bob']], 'PENDING'),
])

function server(reported: string[]) {
  return scriptedClient((op) => {
    switch (opName(op)) {
      case 'Me':
        return { me: { __typename: 'User', id: '3', username: 'carol', role: 'USER', createdAt: '2026-12-01T00:00:00Z', telegramLinked: false, balances: [] } }
      case 'Tournament':
        return { tournament: running }
      case 'TournamentReportResult':
        reported.push(JSON.stringify(op.variables))
        return { tournamentReportResult: { __typename: 'TournamentMatchPayload', match: null, tournament: null, errors: [{ __typename: 'TournamentError', code: 'MATCH_DECIDED', field: 'matchId', message: 'server text' }] } }
      default:
        return {}
    }
  })
}

describe('TournamentPage', () => {
  it('shows the bracket by round with byes, lets a player report, and follows tournamentChanged live', async () => {
    const reported: string[] = []
    const { client, push } = server(reported)
    const wrapper = mountWithApp(TournamentPage, { client, props: { id: '9' } })
    await flush()
    expect(wrapper.get('[data-testid=tournament-status]').text()).toBe('Идёт')
    expect(wrapper.findAll('[data-testid^=bracket-column-]')).toHaveLength(2)
    expect(wrapper.get('[data-testid=match-1]').text()).toContain('без соперника')
    // carol plays dave: she reports her win
    await wrapper.get('[data-testid=report-2-3]').trigger('click')
    await flush()
    expect(reported[0]).toContain('"winnerId":"3"')
    expect(wrapper.get('[data-testid=form-error]').text()).toBe('Этот матч уже решён.')
    // The final is decided elsewhere and arrives over the subscription
    push({
      tournamentChanged: tournament('FINISHED', [
        match('1', 1, [['2', 'bob']], 'DONE', ['2', 'bob'], 'BYE'),
        match('2', 1, [['3', 'carol'], ['4', 'dave']], 'DONE', ['3', 'carol'], 'PLAYERS'),
        match('3', 2, [['2', 'bob'], ['3', 'carol']], 'DONE', ['2', 'bob'], 'PLAYERS'),
      ], [entry('2', 'bob', 1, 1, 21), entry('3', 'carol', 2, 2, 9), entry('4', 'dave', 3)]),
    })
    await flush()
    expect(wrapper.get('[data-testid=tournament-status]').text()).toBe('Завершён')
    expect(wrapper.get('[data-testid=tournament-standings]').text()).toContain('bob')
    expect(wrapper.find('[data-testid=report-2-3]').exists()).toBe(false)
  })
})
