import { createI18n } from 'vue-i18n'
import { loadEnglish, loadRussian } from './catalogs'
import type { Messages } from './merge'

export const SUPPORTED_LOCALES = ['ru', 'en'] as const
export type AppLocale = (typeof SUPPORTED_LOCALES)[number]

export const i18n = createI18n<[Messages], AppLocale, false>({
  legacy: false,
  locale: 'ru',
  fallbackLocale: 'ru',
  messages: {} as Record<AppLocale, Messages>,
  missingWarn: false,
  fallbackWarn: false,
})

const LOADERS: Record<AppLocale, () => Promise<Messages>> = { ru: loadRussian, en: loadEnglish }
const loading = new Map<AppLocale, Promise<void>>()

/** Makes a locale's messages available (each language is a separate download) and switches to it. */
export async function useLocaleMessages(locale: AppLocale): Promise<void> {
  if (!i18n.global.availableLocales.includes(locale)) {
    let pending = loading.get(locale)
    if (!pending) {
      pending = LOADERS[locale]().then((messages) => i18n.global.setLocaleMessage(locale, messages))
      loading.set(locale, pending)
    }
    await pending
  }
  i18n.global.locale.value = locale
}
