/** Previews the forms show before submitting (the server decides; these mirror its rules). */

export const DEPOSIT_TERMS = [7, 30, 90] as const
export const LOAN_TERMS = [7, 14, 30] as const

/** The balance after `days` of daily interest at `rate` (0.02), on at most `cap`, rounded down each day. */
export function compound(principal: bigint, days: number, rate = 0.02, cap = 10_000n): bigint {
  const bp = BigInt(Math.round(rate * 10_000))
  let balance = principal
  for (let i = 0; i < days; i++) balance += ((balance < cap ? balance : cap) * bp) / 10_000n
  return balance
}

/** What an early withdrawal forfeits: 10% of the principal, rounded up. */
export function earlyPenalty(principal: bigint): bigint {
  return (principal * 10n + 99n) / 100n
}

/** A loan's total (principal plus interest rounded up) and its daily installments. */
export function loanPlan(principal: bigint, rate: number, days: number): { total: bigint; installments: bigint[] } {
  const bp = BigInt(Math.round(rate * 10_000))
  const total = principal + (principal * bp + 9_999n) / 10_000n
  const n = BigInt(days)
  const base = total / n
  const extra = Number(total % n)
  return { total, installments: Array.from({ length: days }, (_, k) => base + (k < extra ? 1n : 0n)) }
}

/** Whole days (rounded up) from `now` until `iso`; 0 once it has passed. */
export function daysUntil(iso: string, now: number = Date.now()): number {
  const ms = new Date(iso).getTime() - now
  return ms <= 0 ? 0 : Math.ceil(ms / 86_400_000)
}
