import { describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { nextTick } from 'vue'
import { initialLocale, useLocaleStore } from '@/stores/locale'
import { i18n } from '@/i18n'

describe('locale choice', () => {
  it('is Russian by default, English when the browser prefers it, and a saved choice wins', () => {
    expect(initialLocale(null, [])).toBe('ru')
    expect(initialLocale(null, ['de-DE', 'fr'])).toBe('ru')
    expect(initialLocale(null, ['en-GB', 'ru'])).toBe('en')
    expect(initialLocale(null, ['ru-RU', 'en'])).toBe('ru')
    expect(initialLocale('ru', ['en-US'])).toBe('ru')
    expect(initialLocale('xx', ['en-US'])).toBe('en')
  })

  it('switches i18n and the document language, and persists the choice', async () => {
    setActivePinia(createPinia())
    const store = useLocaleStore()
    await store.setLocale(store.locale === 'en' ? 'ru' : 'en')
    await nextTick()
    await store.setLocale('en')
    await nextTick()
    expect(i18n.global.locale.value).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(localStorage.getItem('lucas.locale')).toBe('en')
    await store.setLocale('ru')
    await nextTick()
    expect(i18n.global.t('nav.shop')).toBe('Магазин')
    await store.setLocale('en')
    expect(i18n.global.t('nav.shop')).toBe('Shop')
    await store.setLocale('ru')
    expect(localStorage.getItem('lucas.locale')).toBe('ru')
  })
})
