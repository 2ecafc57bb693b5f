import { mergeCatalogs, type Messages } from './merge'
import ruApp from './ru.json'

// The app's own messages (src/i18n/) plus each domain's (src/pages/<domain>/i18n/).
// Russian, the default, ships with the app; English (catalog-en.ts) is one chunk loaded on demand.
const ruDomains = import.meta.glob<Messages>('../pages/*/i18n/ru.json', { eager: true, import: 'default' })

export const ru: Messages = mergeCatalogs({ 'i18n/ru.json': ruApp, ...ruDomains })

export async function loadEnglish(): Promise<Messages> {
  return (await import('./catalog-en')).en
}
