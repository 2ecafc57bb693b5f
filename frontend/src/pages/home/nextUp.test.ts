import { describe, expect, it } from 'vitest'
import { homeCards } from './nextUp'

describe('what to do next on the home page', () => {
  it('finds every domain that declares a home card, in their order', async () => {
    const keys = homeCards.map((c) => c.key)
    expect(keys).toContain('shop')
    expect(new Set(keys).size).toBe(keys.length)
    const card = await homeCards.find((c) => c.key === 'shop')!.card()
    expect('default' in card ? card.default : card).toBeTruthy()
  }, 30_000)
})
