import { describe, expect, it } from 'vitest'
import { createMemoryHistory, createRouter } from 'vue-router'
import { routes } from '@/router'
import { navItems, roleAllows } from '@/router/nav'

const router = createRouter({ history: createMemoryHistory(), routes })

describe('routes from the domain folders', () => {
  it('register every domain page by name', () => {
    const names = router.getRoutes().map((r) => r.name)
    for (const name of ['signin', 'signup', 'home', 'history', 'pay', 'shop', 'inventory', 'notifications', 'admin-grant', 'admin-items', 'admin-supply', 'admin-audit', 'not-found']) {
      expect(names).toContain(name)
    }
  })

  it('build the navigation from route meta, ordered, and by role', () => {
    // Other domains may add entries in between: these keep their order.
    const player = navItems(router.getRoutes(), 'main', 'USER').map((i) => i.name)
    const known = ['home', 'history', 'pay', 'shop', 'inventory', 'notifications']
    expect(player.filter((name) => known.includes(name))).toEqual(known)
    expect(player).not.toContain('admin-grant')
    const admin = navItems(router.getRoutes(), 'main', 'ADMIN')
    expect(admin.at(-1)).toMatchObject({ name: 'admin-grant', label: 'nav.admin' })
    expect(navItems(router.getRoutes(), 'admin', 'USER')).toEqual([])
    expect(navItems(router.getRoutes(), 'admin', 'ADMIN').map((i) => i.name)).toEqual(['admin-grant', 'admin-items', 'admin-quests', 'admin-supply', 'admin-audit'])
  })

  it('rank roles: an admin passes moderator pages, a player passes neither', () => {
    expect(roleAllows('ADMIN', 'MODERATOR')).toBe(true)
    expect(roleAllows('MODERATOR', 'ADMIN')).toBe(false)
    expect(roleAllows('USER', 'MODERATOR')).toBe(false)
    expect(roleAllows(null, undefined)).toBe(true)
    expect(roleAllows(null, 'ADMIN')).toBe(false)
  })
})
