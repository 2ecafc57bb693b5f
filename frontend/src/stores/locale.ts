import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { i18n, SUPPORTED_LOCALES, type AppLocale } from '@/i18n'

const STORAGE_KEY = 'lucas.locale'

/** Russian first; English when the browser prefers it; a saved choice wins over both. */
export function initialLocale(
  saved: string | null,
  browserLanguages: readonly string[],
): AppLocale {
  if (saved && (SUPPORTED_LOCALES as readonly string[]).includes(saved)) return saved as AppLocale
  for (const lang of browserLanguages) {
    const base = lang.toLowerCase().split('-')[0]
    if ((SUPPORTED_LOCALES as readonly string[]).includes(base)) return base as AppLocale
  }
  return 'ru'
}

function readSaved(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

export const useLocaleStore = defineStore('locale', () => {
  const languages = typeof navigator !== 'undefined' ? navigator.languages ?? [navigator.language] : []
  const locale = ref<AppLocale>(initialLocale(readSaved(), languages))

  function apply(value: AppLocale) {
    i18n.global.locale.value = value
    if (typeof document !== 'undefined') document.documentElement.lang = value
  }
  apply(locale.value)

  function setLocale(value: AppLocale) {
    locale.value = value
  }

  watch(locale, (value) => {
    apply(value)
    try {
      localStorage.setItem(STORAGE_KEY, value)
    } catch {
      /* not persisted */
    }
  })

  return { locale, setLocale }
})
