import { describe, expect, it } from 'vitest'
import { compound, daysUntil, earlyPenalty, loanPlan } from './bankMath'

describe('bank previews', () => {
  it('compounds daily interest rounded down, on at most the cap', () => {
    expect(compound(1000n, 1)).toBe(1020n)
    expect(compound(1000n, 2)).toBe(1040n)
    expect(compound(20_000n, 1)).toBe(20_200n)
    expect(compound(49n, 1)).toBe(49n)
  })

  it('forfeits a tenth of the principal, rounded up', () => {
    expect(earlyPenalty(995n)).toBe(100n)
    expect(earlyPenalty(1000n)).toBe(100n)
    expect(earlyPenalty(1n)).toBe(1n)
  })

  it('splits a loan into equal installments, the remainder first', () => {
    const plan = loanPlan(700n, 0.2, 7)
    expect(plan.total).toBe(840n)
    expect(plan.installments).toEqual(Array(7).fill(120n))
    const odd = loanPlan(10n, 0.15, 7)
    expect(odd.total).toBe(12n)
    expect(odd.installments).toEqual([2n, 2n, 2n, 2n, 2n, 1n, 1n])
  })

  it('counts whole days left', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(daysUntil('2026-01-08T00:00:00Z', now)).toBe(7)
    expect(daysUntil('2026-01-01T12:00:00Z', now)).toBe(1)
    expect(daysUntil('2025-12-31T00:00:00Z', now)).toBe(0)
  })
})
