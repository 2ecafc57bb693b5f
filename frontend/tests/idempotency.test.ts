import { describe, expect, it } from 'vitest'
import { newIdempotencyKey } from '@/utils/idempotency'

describe('idempotency keys', () => {
  it('are version-4 UUIDs, fresh for each attempt', () => {
    const keys = new Set(Array.from({ length: 200 }, () => newIdempotencyKey()))
    expect(keys.size).toBe(200)
    for (const key of keys) expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
