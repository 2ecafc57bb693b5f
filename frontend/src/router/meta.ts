import type { Role } from '@/gql/graphql'

/** Where a page shows in the navigation: the header/drawer group, its place and its label. */
export interface NavEntry {
  group: 'main' | 'admin'
  /** Smaller comes first; leave gaps (10, 20, …) so a new domain fits in between. */
  order: number
  /** i18n key; defaults to the route's title. */
  label?: string
  /** SVG path data (24×24 viewBox) drawn beside the label in the drawer. */
  icon?: string
}

declare module 'vue-router' {
  interface RouteMeta {
    /** Needs a signed-in user. */
    auth?: boolean
    /** Needs me.role to be this role (ADMIN also passes MODERATOR pages). */
    role?: Role
    /** Only for signed-out visitors (sign in / sign up). */
    guest?: boolean
    /** Built from plain elements, no Naive UI component: rendered without loading the library. */
    plain?: boolean
    /** i18n key of the page title. */
    title?: string
    /** Navigation entries for this page (none: reachable by link only). */
    nav?: NavEntry | NavEntry[]
  }
}
