import { dateEnUS, dateRuRU, enUS, ruRU, type NDateLocale, type NLocale } from 'naive-ui'
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

export const NAIVE_LOCALES: Record<AppLocale, { locale: NLocale; date: NDateLocale }> = {
  ru: { locale: quiet(ruRU), date: dateRuRU },
  en: { locale: quiet(enUS), date: dateEnUS },
}
