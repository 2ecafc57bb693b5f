import { createI18n } from 'vue-i18n'
import { loadEnglish, ru } from './catalogs'
import type { Messages } from './merge'

export const SUPPORTED_LOCALES = ['ru', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]

export const i18n = createI18n<[Messages], AppLocale, false>({
  legacy: false,
  locale: 'ru',
  fallbackLocale: 'ru',
  messages: { ru } as Record<AppLocale, Messages>,
  missingWarn: false,
  fallbackWarn: false,
})

let english: Promise<void> | null = null

/** Makes a locale's messages available (English is a separate download) and switches to it. */
export async function useLocaleMessages(locale: AppLocale): Promise<void> {
  if (locale === 'en' && !i18n.global.availableLocales.includes('en')) {
    english ??= loadEnglish().then((messages) => i18n.global.setLocaleMessage('en', messages))
    await english
  }
  i18n.global.locale.value = locale
}
