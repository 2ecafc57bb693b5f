/** Whole days, hours and minutes left, largest two units: { d: 2, h: 5 } or { h: 3, m: 12 }. */
export function timeLeft(seconds: number): { key: 'dh' | 'hm' | 'm'; d: number; h: number; m: number } {
  const s = Math.max(0, Math.floor(seconds))
  const d = Math.floor(s / 86400)
  const h = Math.floor((s % 86400) / 3600)
  const m = Math.floor((s % 3600) / 60)
  if (d > 0) return { key: 'dh', d, h, m }
  if (h > 0) return { key: 'hm', d, h, m }
  return { key: 'm', d, h, m: Math.max(m, s > 0 ? 1 : 0) }
}
