import { mergeCatalogs, type Messages } from './merge'
import enApp from './en.json'

// Every English catalog in one chunk: loaded when a reader picks (or prefers) English.
const enDomains = import.meta.glob<Messages>('../pages/*/i18n/en.json', { eager: true, import: 'default' })

export const en: Messages = mergeCatalogs({ 'i18n/en.json': enApp, ...enDomains })
