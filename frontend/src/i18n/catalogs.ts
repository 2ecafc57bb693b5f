import { mergeCatalogs, type Messages } from './merge'
import ruApp from './ru.json'
import enApp from './en.json'

// The app's own messages (src/i18n/) plus each domain's (src/pages/<domain>/i18n/).
const ruDomains = import.meta.glob<Messages>('../pages/*/i18n/ru.json', { eager: true, import: 'default' })
const enDomains = import.meta.glob<Messages>('../pages/*/i18n/en.json', { eager: true, import: 'default' })

export const ru: Messages = mergeCatalogs({ 'i18n/ru.json': ruApp, ...ruDomains })
export const en: Messages = mergeCatalogs({ 'i18n/en.json': enApp, ...enDomains })
