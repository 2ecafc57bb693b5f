import { useI18n } from 'vue-i18n'
import { useMessage } from 'naive-ui'
import type { CombinedError } from '@urql/core'
import { usePayloadErrors, type PayloadError, type PayloadErrorOptions } from '@/composables/usePayloadErrors'

interface Result<P> { data?: P | null; error?: CombinedError }

/** Runs a clan mutation: its payload errors (translated) under the form, a toast when it succeeds. */
export function useClanAction(options: PayloadErrorOptions = { fields: [] }) {
  const { t } = useI18n()
  const toast = useMessage()
  const errors = usePayloadErrors('ClanErrorCode', options)

  async function run<P>(
    work: Promise<Result<Record<string, P>>>,
    success: string | null,
  ): Promise<P | null> {
    errors.clear()
    const result = await work
    if (result.error) {
      errors.setCombined(result.error)
      return null
    }
    const payload = result.data ? (Object.values(result.data)[0] as P & { errors: readonly PayloadError[] }) : null
    if (!payload) return null
    errors.setPayload(payload.errors)
    if (payload.errors.length) return null
    if (success) toast.success(success)
    return payload
  }

  return { errors, run, t }
}
