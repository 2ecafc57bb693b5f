import { describe, expect, it } from 'vitest'
import { formatAmount, formatDateTime, parseAmountInput, toBigIntAmount } from '@/utils/format'

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ')

describe('amount formatting', () => {
  it('groups digits for the locale', () => {
    expect(plain(formatAmount('ru', 1234567))).toBe('1 234 567')
    expect(formatAmount('en', 1234567)).toBe('1,234,567')
    expect(plain(formatAmount('ru', '2500', 'COIN'))).toBe('2 500 COIN')
  })

  it('keeps every digit of amounts beyond 2^53 sent as strings', () => {
    expect(formatAmount('en', '123456789012345678901234567890')).toBe('123,456,789,012,345,678,901,234,567,890')
    expect(toBigIntAmount('-42')).toBe(-42n)
    expect(toBigIntAmount('1.5')).toBeNull()
  })

  it('formats dates for the locale and survives bad input', () => {
    const iso = '2026-03-05T14:07:00+00:00'
    expect(formatDateTime('ru', iso)).toMatch(/2026/)
    expect(formatDateTime('en', iso)).toMatch(/Mar/)
    expect(formatDateTime('en', 'not a date')).toBe('not a date')
    expect(formatDateTime('en', null)).toBe('')
  })
})

describe('amount input', () => {
  it.each([
    ['100', '100'],
    [' 1 000 ', '1000'],
    ['1\u00a0000', '1000'],
    ['007', '7'],
    ['0', null],
    ['-5', null],
    ['1.5', null],
    ['abc', null],
    ['', null],
  ])('%j -> %j', (input, expected) => {
    expect(parseAmountInput(input)).toBe(expected)
  })
})
