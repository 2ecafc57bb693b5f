import { describe, expect, it } from 'vitest'
import { isExpiring, secondsUntilExpiry, subjectOf } from '@/urql/tokens'

function jwt(payload: object): string {
  const b64 = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_')
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}.signature`
}

describe('access token expiry', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0)
  it('reads exp from a JWT', () => {
    expect(secondsUntilExpiry(jwt({ exp: now / 1000 + 600 }), now)).toBe(600)
    expect(isExpiring(jwt({ exp: now / 1000 + 600 }), 15, now)).toBe(false)
    expect(isExpiring(jwt({ exp: now / 1000 + 5 }), 15, now)).toBe(true)
  })
  it('reads whose token it is', () => {
    expect(subjectOf(jwt({ sub: '42', exp: 1 }))).toBe('42')
    expect(subjectOf('opaque-token')).toBeNull()
  })
  it('treats opaque tokens as unknown, never as expiring', () => {
    expect(secondsUntilExpiry('opaque-token', now)).toBeNull()
    expect(isExpiring('a.b.c', 15, now)).toBe(false)
  })
})
