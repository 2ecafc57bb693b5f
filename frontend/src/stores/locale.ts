import { defineStore } from 'pinia'
import { ref, watch } from 'vue'
import { SUPPORTED_LOCALES, useLocaleMessages, type AppLocale } from '@/i18n'

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

  /** Settles once the current locale's messages are loaded and shown. */
  let ready: Promise<void> = Promise.resolve()
  function apply(value: AppLocale) {
    ready = useLocaleMessages(value).then(() => {
      if (typeof document !== 'undefined') document.documentElement.lang = value
    })
    return ready
  }
  apply(locale.value)

  function setLocale(value: AppLocale): Promise<void> {
    locale.value = value
    return apply(value)
  }

  watch(locale, (value) => {
    try {
      localStorage.setItem(STORAGE_KEY, value)
    } catch {
      /* not persisted */
    }
  })

  return { locale, setLocale, ready: () => ready }
})
