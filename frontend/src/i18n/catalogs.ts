import { mergeCatalogs, type Messages } from './merge'
import ruApp from './ru.json'

// The app's own messages (src/i18n/) plus each domain's (src/pages/<domain>/i18n/).
// Russian, the default, ships with the app; English loads when someone picks it.
const ruDomains = import.meta.glob<Messages>('../pages/*/i18n/ru.json', { eager: true, import: 'default' })
const enDomains = import.meta.glob<Messages>('../pages/*/i18n/en.json', { import: 'default' })

export const ru: Messages = mergeCatalogs({ 'i18n/ru.json': ruApp, ...ruDomains })

export async function loadEnglish(): Promise<Messages> {
  const [app, ...domains] = await Promise.all([
    import('./en.json').then((m) => m.default as Messages),
    ...Object.values(enDomains).map((load) => load()),
  ])
  const paths = Object.keys(enDomains)
  return mergeCatalogs({ 'i18n/en.json': app, ...Object.fromEntries(paths.map((path, i) => [path, domains[i]])) })
}
