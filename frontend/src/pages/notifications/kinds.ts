/** The data fields a notification kind's localized title and body need. */
export type NotificationKinds = Record<string, { title: string[]; body?: string[] }>

/**
 * Every domain's kinds: `src/pages/<domain>/notifications.ts` default-exports its own, with the
 * texts under `notifications.kinds.<kind with _>` in that domain's i18n files. A kind not listed
 * anywhere shows the server's text.
 */
const modules = import.meta.glob<NotificationKinds>('../*/notifications.ts', { eager: true, import: 'default' })

export const KINDS: NotificationKinds = Object.assign({}, ...Object.keys(modules).sort().map((path) => modules[path]))
