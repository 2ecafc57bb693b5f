import { useI18n } from 'vue-i18n'
import { useFormat } from '@/composables/useFormat'
import type { NotificationFieldsFragment } from '@/gql/graphql'
import { sourceName } from '@/utils/sources'
import { KINDS } from './kinds'

type Data = Record<string, unknown>

const has = (data: Data, fields: string[]) => fields.every((f) => data[f] !== undefined && data[f] !== null && data[f] !== '')

/**
 * A notification's title and body in the reader's language, built from its kind and data;
 * the server's (English) text when the kind is unknown or its data lacks what the message needs.
 */
export function useNotificationText() {
  const { t } = useI18n()
  const fmt = useFormat()

  function params(data: Data): Record<string, string> {
    const out: Record<string, string> = {}
    for (const [key, value] of Object.entries(data)) out[key] = typeof value === 'string' || typeof value === 'number' ? String(value) : ''
    if (data.amount !== undefined) out.amount = fmt.amount(data.amount as string | number)
    if (typeof data.source === 'string') out.source = sourceName(data.source)
    return out
  }

  function text(n: NotificationFieldsFragment, part: 'title' | 'body'): string {
    const needs = KINDS[n.kind]?.[part]
    const data = (n.data && typeof n.data === 'object' ? n.data : {}) as Data
    if (!needs || !has(data, needs)) return part === 'title' ? n.title : n.body
    return t(`notifications.kinds.${n.kind.replace(/\./g, '_')}.${part}`, params(data))
  }

  return { title: (n: NotificationFieldsFragment) => text(n, 'title'), body: (n: NotificationFieldsFragment) => text(n, 'body') }
}
