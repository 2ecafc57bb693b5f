import { mergeCatalogs, type Messages } from './merge'
import ruApp from './ru.json'

// Every Russian catalog in one chunk: loaded for a reader of Russian (the default), in parallel
// with the entry (the boot script preloads it).
const ruDomains = import.meta.glob<Messages>('../pages/*/i18n/ru.json', { eager: true, import: 'default' })

export const ru: Messages = mergeCatalogs({ 'i18n/ru.json': ruApp, ...ruDomains })
