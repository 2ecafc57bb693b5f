/** Amounts arrive as Int or as a decimal String (may exceed 2^53): format them without losing digits. */
export function toBigIntAmount(value: string | number | null | undefined): bigint | null {
  if (value === null || value === undefined) return null
  if (typeof value === 'number') return Number.isFinite(value) ? BigInt(Math.trunc(value)) : null
  const trimmed = value.trim()
  return /^-?\d+$/.test(trimmed) ? BigInt(trimmed) : null
}

export function formatAmount(locale: string, value: string | number | null | undefined, currency?: string): string {
  const big = toBigIntAmount(value)
  const number = big === null ? String(value ?? '') : new Intl.NumberFormat(locale).format(big)
  return currency ? `${number} ${currency}` : number
}

export function formatDateTime(locale: string, iso: string | null | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return iso
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(date)
}

/** A whole positive number typed by a person ("1 000" and "1000" both pass); null when invalid. */
export function parseAmountInput(text: string): string | null {
  const compact = text.replace(/[\s\u00a0\u202f_]/g, '')
  if (!/^\d+$/.test(compact)) return null
  const normalized = compact.replace(/^0+(?=\d)/, '')
  return normalized === '0' ? null : normalized
}
