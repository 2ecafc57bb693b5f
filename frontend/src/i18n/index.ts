import { createI18n } from 'vue-i18n'
import ru from './ru.json'
import en from './en.json'

export type MessageSchema = typeof ru
export const SUPPORTED_LOCALES = ['ru', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]

// English must have exactly Russian's keys (checked by vue-tsc through this assignment).
const english: MessageSchema = en

export const i18n = createI18n<[MessageSchema], AppLocale, false>({
  legacy: false,
  locale: 'ru',
  fallbackLocale: 'ru',
  messages: { ru, en: english },
  missingWarn: false,
  fallbackWarn: false,
})
