import { useI18n } from 'vue-i18n'
import { formatAmount, formatDateTime } from '@/utils/format'

/** Locale-aware formatting that follows the language switch. */
export function useFormat() {
  const { locale } = useI18n()
  return {
    amount: (value: string | number | null | undefined, currency?: string) =>
      formatAmount(locale.value, value, currency),
    dateTime: (iso: string | null | undefined) => formatDateTime(locale.value, iso),
  }
}
