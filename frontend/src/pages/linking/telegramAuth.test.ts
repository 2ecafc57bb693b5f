import { describe, expect, it } from 'vitest'
import { hasAuthResult, readAuthResult, telegramAuthUrl } from './telegramAuth'

const utf8Base64 = (text: string) => btoa(String.fromCharCode(...new TextEncoder().encode(text)))
const base64url = (text: string) => utf8Base64(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')

describe('telegramAuth', () => {
  it("builds the link to Telegram's sign-in page", () => {
    const url = new URL(telegramAuthUrl('123456', 'https://lucas.example', 'https://lucas.example/settings/telegram'))
    expect(url.origin + url.pathname).toBe('https://oauth.telegram.org/auth')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      bot_id: '123456', origin: 'https://lucas.example', return_to: 'https://lucas.example/settings/telegram', request_access: 'write',
    })
  })

  it('reads the signed fields from the fragment, base64 or base64url, in UTF-8', () => {
    const fields = { id: 8001, first_name: 'Алиса', last_name: 'Ø?', username: 'alice_tg', photo_url: 'https://t.me/i/userpic/320/a.jpg', auth_date: 1764790000, hash: 'ab'.repeat(32) }
    const expected = {
      id: '8001', firstName: 'Алиса', lastName: 'Ø?', username: 'alice_tg', photoUrl: 'https://t.me/i/userpic/320/a.jpg', authDate: 1764790000, hash: 'ab'.repeat(32),
    }
    expect(readAuthResult(`#tgAuthResult=${base64url(JSON.stringify(fields))}`)).toEqual(expected)
    expect(readAuthResult(`#tgAuthResult=${encodeURIComponent(utf8Base64(JSON.stringify(fields)))}`)).toEqual(expected)
    const plain = utf8Base64(JSON.stringify(fields))
    expect(plain).toMatch(/[+/=]/)
    expect(readAuthResult(`#tgAuthResult=${plain}`)).toEqual(expected)
    const minimal = { id: '7', auth_date: '1764790000', hash: 'cd' }
    expect(readAuthResult(`#tgAuthResult=${base64url(JSON.stringify(minimal))}`)).toEqual({
      id: '7', firstName: null, lastName: null, username: null, photoUrl: null, authDate: 1764790000, hash: 'cd',
    })
  })

  it('refuses what is not a signed sign-in', () => {
    for (const hash of ['', '#', '#other=1', '#tgAuthResult=', '#tgAuthResult=%%%', '#tgAuthResult=bm90IGpzb24']) {
      expect(readAuthResult(hash)).toBeNull()
    }
    const without = (fields: Record<string, unknown>) => `#tgAuthResult=${base64url(JSON.stringify(fields))}`
    expect(readAuthResult(without({ id: 7, auth_date: 1764790000 }))).toBeNull()
    expect(readAuthResult(without({ id: 'x7', auth_date: 1764790000, hash: 'ab' }))).toBeNull()
    expect(readAuthResult(without({ id: 7, auth_date: 'soon', hash: 'ab' }))).toBeNull()
    expect(readAuthResult(`#tgAuthResult=${base64url('[1]')}`)).toBeNull()
    expect(hasAuthResult('#tgAuthResult=%%%')).toBe(true)
    expect(hasAuthResult('#other=1')).toBe(false)
  })
})
