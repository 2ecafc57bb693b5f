import { shallowRef } from 'vue'
import { enUS, ruRU, type NDateLocale, type NLocale } from 'naive-ui'
import type { AppLocale } from '@/i18n'

/**
 * Naive UI's texts in the reader's language. Its generic input placeholders ("Please Input",
 * "Ввести") say nothing a label does not: fields show their own placeholder or none.
 */
function quiet(locale: NLocale): NLocale {
  return {
    ...locale,
    Input: { ...locale.Input, placeholder: '' },
    InputNumber: { ...locale.InputNumber, placeholder: '' },
  }
}

export const NAIVE_LOCALES: Record<AppLocale, NLocale> = {
  ru: quiet(ruRU),
  en: quiet(enUS),
}

/**
 * Month and day names for Naive's date pickers (date-fns locales): no first page needs them, so
 * they are a separate chunk loaded after the app has rendered.
 */
export const naiveDateLocales = shallowRef<Record<AppLocale, NDateLocale> | null>(null)

export async function loadDateLocales(): Promise<void> {
  naiveDateLocales.value ??= (await import('./naiveDateLocale')).NAIVE_DATE_LOCALES
}
