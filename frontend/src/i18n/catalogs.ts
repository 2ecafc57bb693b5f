import type { Messages } from './merge'

// The app's own messages (src/i18n/) plus each domain's (src/pages/<domain>/i18n/), one chunk per
// language: a reader downloads and evaluates only the messages of the language they read.
export async function loadRussian(): Promise<Messages> {
  return (await import('./catalog-ru')).ru
}

export async function loadEnglish(): Promise<Messages> {
  return (await import('./catalog-en')).en
}
