// Telegram's Login Widget without its script: the page links to Telegram's sign-in page, which
// comes back to `return_to` with `#tgAuthResult=<base64 of the signed JSON>`.
import type { LinkTelegramWidgetInput } from '@/gql/graphql'

export const AUTH_PAGE = 'https://oauth.telegram.org/auth'
const KEY = 'tgAuthResult'

export function telegramAuthUrl(botId: string, origin: string, returnTo: string): string {
  const query = new URLSearchParams({ bot_id: botId, origin, return_to: returnTo, request_access: 'write' })
  return `${AUTH_PAGE}?${query.toString()}`
}

function decodeBase64(text: string): string {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/')
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4)
  const binary = atob(padded)
  return new TextDecoder('utf-8', { fatal: true }).decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)))
}

const text = (value: unknown): string | null =>
  typeof value === 'string' && value ? value : typeof value === 'number' ? String(value) : null

/** The raw value of `tgAuthResult` in a hash (read by hand: `+` of base64 must not become a space). */
function rawResult(hash: string): string | null {
  const part = hash.replace(/^#/, '').split('&').find((p) => p.startsWith(`${KEY}=`))
  return part === undefined ? null : part.slice(KEY.length + 1)
}

/** The widget's fields from a location hash, or null when there are none or they are malformed. */
export function readAuthResult(hash: string): LinkTelegramWidgetInput | null {
  const encoded = rawResult(hash)
  if (!encoded) return null
  let raw: string
  try {
    raw = decodeURIComponent(encoded)
  } catch {
    return null
  }
  let data: Record<string, unknown>
  try {
    const parsed: unknown = JSON.parse(decodeBase64(raw.trim()))
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return null
    data = parsed as Record<string, unknown>
  } catch {
    return null
  }
  const id = text(data.id)
  const authDate = Number(data.auth_date)
  const hashValue = text(data.hash)
  if (!id || !/^\d+$/.test(id) || !Number.isSafeInteger(authDate) || !hashValue) return null
  return {
    id,
    firstName: text(data.first_name),
    lastName: text(data.last_name),
    username: text(data.username),
    photoUrl: text(data.photo_url),
    authDate,
    hash: hashValue,
  }
}

/** Whether a hash carries Telegram's answer (even a malformed one), so the page can say so. */
export const hasAuthResult = (hash: string): boolean => rawResult(hash) !== null
