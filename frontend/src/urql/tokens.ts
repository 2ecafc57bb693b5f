/** Seconds left before a JWT access token expires; null when the token is not a readable JWT. */
export function secondsUntilExpiry(token: string, now = Date.now()): number | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  try {
    const json = atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'))
    const exp = (JSON.parse(json) as { exp?: unknown }).exp
    return typeof exp === 'number' ? exp - now / 1000 : null
  } catch {
    return null
  }
}

/** True when the token is known to expire within `marginSeconds`. */
export function isExpiring(token: string, marginSeconds = 15, now = Date.now()): boolean {
  const left = secondsUntilExpiry(token, now)
  return left !== null && left < marginSeconds
}
