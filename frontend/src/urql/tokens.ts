function claims(token: string): { exp?: unknown; sub?: unknown } | null {
  const parts = token.split('.')
  if (parts.length !== 3) return null
  try {
    return JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'))) as { exp?: unknown; sub?: unknown }
  } catch {
    return null
  }
}

/** Seconds left before a JWT access token expires; null when the token is not a readable JWT. */
export function secondsUntilExpiry(token: string, now = Date.now()): number | null {
  const exp = claims(token)?.exp
  return typeof exp === 'number' ? exp - now / 1000 : null
}

/** Whose token it is (the JWT `sub`), or null when the token is not a readable JWT. */
export function subjectOf(token: string): string | null {
  const sub = claims(token)?.sub
  return typeof sub === 'string' || typeof sub === 'number' ? String(sub) : null
}

/** True when the token is known to expire within `marginSeconds`. */
export function isExpiring(token: string, marginSeconds = 15, now = Date.now()): boolean {
  const left = secondsUntilExpiry(token, now)
  return left !== null && left < marginSeconds
}
