import { describe, expect, it } from 'vitest'
import type { Operation } from '@urql/core'
import BankPage from './BankPage.vue'
import ru from './i18n/ru.json'
import { flush, mountWithApp, scriptedClient } from '../../../tests/helpers'

const opName = (op: Operation) => op.query.definitions.map((d) => ('name' in d ? d.name?.value : '')).find(Boolean)
const FUTURE = new Date(Date.now() + 5 * 86_400_000).toISOString()
const deposit = {
  __typename: 'Deposit', id: '3', currency: 'COIN', principal: 1000, balance: 1040, accruedInterest: 40, termDays: 7,
  status: 'OPEN', openedAt: '2026-12-01T10:00:00Z', maturesAt: FUTURE, closedAt: null, payout: null, penalty: 100,
}
const installment = (day: number, status: string) => ({ __typename: 'LoanInstallment', day, dueAt: FUTURE, amount: 120, paid: status === 'PAID' ? 120 : 0, fee: status === 'MISSED' ? 12 : 0, status })
const loan = {
  __typename: 'Loan', id: '9', currency: 'COIN', principal: 700, outstanding: 612, rate: 0.2, total: 840, termDays: 7, status: 'OPEN',
  missedInstallments: 1, lateFees: 12, openedAt: '2026-12-01T10:00:00Z', closedAt: null,
  schedule: [installment(1, 'PAID'), installment(2, 'MISSED'), installment(3, 'SCHEDULED')],
  nextInstallment: { __typename: 'LoanInstallment', day: 3, dueAt: FUTURE, amount: 252 },
}
const score = {
  __typename: 'CreditScore', score: 520, rate: 0.2, limit: 5000, minimumScore: 400, balance: 500, accountAgeDays: 3,
  activity: 4, installmentsPaid: 1, loansRepaid: 0, installmentsMissed: 1,
}

function server(answers: Record<string, (input: Record<string, unknown>) => unknown>, loans: unknown[] = [loan]) {
  return scriptedClient((op) => {
    const name = opName(op) ?? ''
    if (name === 'MyBank') return { myDeposits: [deposit], myLoans: loans, myCreditScore: score }
    const answer = answers[name]
    return answer ? answer((op.variables as { input: Record<string, unknown> }).input) : {}
  })
}

const refused = (field: string, code: string, errorField: string | null) => ({ [field]: { __typename: 'X', deposit: null, loan: null, errors: [{ __typename: 'BankError', code, field: errorField, message: 'server text' }] } })

describe('BankPage', () => {
  it('shows deposits with their interest, the credit score, and loans with their schedule', async () => {
    const { client } = server({})
    const wrapper = mountWithApp(BankPage, { client })
    await flush()
    expect(wrapper.get('[data-testid=deposit-balance]').text().replace(/\D/g, '')).toBe('1040')
    expect(wrapper.get('[data-testid=deposit-interest]').text()).toContain('40')
    expect(wrapper.get('[data-testid=deposit-status]').text()).toBe(ru.bank.deposit.status.OPEN)
    expect(wrapper.get('[data-testid=credit-score-value]').text()).toBe('520')
    expect(wrapper.get('[data-testid=credit-rate]').text()).toBe('20%')
    expect(wrapper.get('[data-testid=loan-outstanding]').text()).toContain('612')
    expect(wrapper.get('[data-testid=loan-next]').text()).toContain('252')
    expect(wrapper.find('[data-testid=loan-open-note]').exists()).toBe(true)
    expect(wrapper.find('[data-testid=loan-form]').exists()).toBe(false)
    wrapper.unmount()
  })

  it('sends a deposit with the chosen term and shows a refusal under its field', async () => {
    const sent: Record<string, unknown>[] = []
    const { client } = server({ BankDeposit: (input) => (sent.push(input), refused('bankDeposit', 'INSUFFICIENT_FUNDS', 'amount')) })
    const wrapper = mountWithApp(BankPage, { client })
    await flush()
    await wrapper.get('[data-testid=deposit-amount] input').setValue('abc')
    await wrapper.get('[data-testid=deposit-form]').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-deposit-amount]').text()).toContain(ru.bank.amountInvalid)
    expect(sent).toEqual([])
    await wrapper.get('[data-testid=deposit-amount] input').setValue('5 000')
    await wrapper.get('[data-testid=deposit-term-90] input').setValue(true)
    await wrapper.get('[data-testid=deposit-form]').trigger('submit')
    await flush()
    expect(sent).toHaveLength(1)
    expect(sent[0]).toMatchObject({ amount: '5000', termDays: 90 })
    expect(typeof sent[0].idempotencyKey).toBe('string')
    expect(wrapper.get('[data-testid=field-deposit-amount]').text()).toContain(ru.errors.BankErrorCode.INSUFFICIENT_FUNDS)
    wrapper.unmount()
  })

  it('offers a loan with a preview when none is open, and shows the limit refusal', async () => {
    const { client } = server({ LoanRequest: () => refused('loanRequest', 'LOAN_LIMIT_EXCEEDED', 'amount') }, [])
    const wrapper = mountWithApp(BankPage, { client })
    await flush()
    expect(wrapper.find('[data-testid=loans-empty]').exists()).toBe(true)
    await wrapper.get('[data-testid=loan-amount] input').setValue('700')
    await wrapper.get('[data-testid=loan-term-7] input').setValue(true)
    await flush()
    expect(wrapper.get('[data-testid=field-loan-amount]').text()).toContain('840')
    await wrapper.get('[data-testid=loan-form]').trigger('submit')
    await flush()
    expect(wrapper.get('[data-testid=field-loan-amount]').text()).toContain(ru.errors.BankErrorCode.LOAN_LIMIT_EXCEEDED)
    wrapper.unmount()
  })
})
