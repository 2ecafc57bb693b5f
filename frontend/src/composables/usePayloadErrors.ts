import { computed, ref } from 'vue'
import { useI18n } from 'vue-i18n'
import type { CombinedError } from '@urql/core'
import type { ErrorEnum } from '@/gql/error-enums'

export type { ErrorEnum }

/** The shape every mutation payload's `errors` entries share. */
export interface PayloadError {
  code: string
  field?: string | null
  message: string
}

export interface PayloadErrorOptions {
  /** Fields the form shows; errors for other fields go to the general list. */
  fields: readonly string[]
  /** Server input field name -> form field name (e.g. toUserId -> username). */
  aliases?: Record<string, string>
  /** Where errors without a known field go; omit to list them under the form. */
  fallbackField?: string
}

/**
 * Turns payload errors (and top-level GraphQL/network errors) into translated messages,
 * keyed by the form field they concern. Messages re-translate when the locale changes.
 */
export function usePayloadErrors(enumName: ErrorEnum, options: PayloadErrorOptions) {
  const { t, te } = useI18n()
  const payloadErrors = ref<PayloadError[]>([])
  const topLevel = ref<string[]>([])

  function translate(error: PayloadError): string {
    const key = `errors.${enumName}.${error.code}`
    return te(key) ? t(key) : error.message
  }

  function targetField(error: PayloadError): string | null {
    const raw = error.field ?? null
    const mapped = raw && options.aliases?.[raw] ? options.aliases[raw] : raw
    if (mapped && options.fields.includes(mapped)) return mapped
    return options.fallbackField ?? null
  }

  const byField = computed(() => {
    const out: Record<string, string[]> = {}
    for (const error of payloadErrors.value) {
      const field = targetField(error)
      if (field) (out[field] ??= []).push(translate(error))
    }
    return out
  })

  const general = computed(() => [
    ...payloadErrors.value.filter((e) => targetField(e) === null).map(translate),
    ...topLevel.value.map((code) => t(`errors.top.${code}`)),
  ])

  function setPayload(errors: readonly PayloadError[] | null | undefined) {
    payloadErrors.value = [...(errors ?? [])]
    topLevel.value = []
  }

  function setCombined(error: CombinedError | undefined) {
    if (!error) return
    const codes = new Set<string>()
    if (error.networkError) codes.add('NETWORK')
    for (const e of error.graphQLErrors) {
      const code = String(e.extensions?.code ?? 'UNKNOWN')
      codes.add(te(`errors.top.${code}`) ? code : 'UNKNOWN')
    }
    topLevel.value = [...codes]
  }

  /** A client-side check's message for a field (already translated). */
  const local = ref<Record<string, string>>({})
  function setLocal(field: string, message: string | null) {
    const next = { ...local.value }
    if (message) next[field] = message
    else delete next[field]
    local.value = next
  }

  function clear() {
    payloadErrors.value = []
    topLevel.value = []
    local.value = {}
  }

  /** Message to show under a field, or undefined. */
  function message(field: string): string | undefined {
    const list = [...(local.value[field] ? [local.value[field]] : []), ...(byField.value[field] ?? [])]
    return list.length ? list.join(' ') : undefined
  }

  function status(field: string): 'error' | undefined {
    return message(field) ? 'error' : undefined
  }

  const hasErrors = computed(
    () => payloadErrors.value.length > 0 || topLevel.value.length > 0 || Object.keys(local.value).length > 0,
  )

  return { setPayload, setCombined, setLocal, clear, message, status, general, hasErrors }
}
