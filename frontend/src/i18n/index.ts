import { createI18n } from 'vue-i18n'
import { en, ru } from './catalogs'

export const SUPPORTED_LOCALES = ['ru', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]

export const i18n = createI18n({
  legacy: false,
  locale: 'ru',
  fallbackLocale: 'ru',
  messages: { ru, en },
  missingWarn: false,
  fallbackWarn: false,
})
