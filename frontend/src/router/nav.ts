import type { RouteRecordNormalized } from 'vue-router'
import type { Role } from '@/gql/graphql'
import type { NavEntry } from './meta'

export interface NavItem {
  name: string
  label: string
  icon?: string
}

const RANK: Record<Role, number> = { USER: 0, MODERATOR: 1, ADMIN: 2 }

/** True when a user with `role` may open a page that requires `required`. */
export function roleAllows(role: Role | null | undefined, required: Role | undefined): boolean {
  if (!required) return true
  return !!role && RANK[role] >= RANK[required]
}

/** The navigation of one group, built from the routes' meta.nav, sorted by order, filtered by role. */
export function navItems(routes: readonly RouteRecordNormalized[], group: NavEntry['group'], role: Role | null | undefined): NavItem[] {
  const items: (NavItem & { order: number })[] = []
  for (const route of routes) {
    if (typeof route.name !== 'string' || !roleAllows(role, route.meta.role)) continue
    const entries = route.meta.nav ? (Array.isArray(route.meta.nav) ? route.meta.nav : [route.meta.nav]) : []
    for (const entry of entries) {
      if (entry.group !== group) continue
      items.push({ name: route.name, label: entry.label ?? route.meta.title ?? route.name, icon: entry.icon, order: entry.order })
    }
  }
  return items.sort((a, b) => a.order - b.order || a.name.localeCompare(b.name)).map(({ order: _order, ...item }) => item)
}
