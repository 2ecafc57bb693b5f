import { afterEach, beforeAll } from 'vitest'
import { useLocaleMessages } from '@/i18n'

// The app loads each language's messages on demand; components under test read Russian.
beforeAll(async () => {
  await useLocaleMessages('ru')
})

afterEach(() => {
  localStorage.clear()
})
