/** The app's navigation, shared by the header (wide screens) and the drawer (phones). */
export interface NavItem {
  name: string
  label: string
}

export const MAIN_NAV: NavItem[] = [
  { name: 'home', label: 'nav.home' },
  { name: 'history', label: 'nav.history' },
  { name: 'pay', label: 'nav.pay' },
  { name: 'shop', label: 'nav.shop' },
  { name: 'inventory', label: 'nav.inventory' },
  { name: 'notifications', label: 'nav.notifications' },
]

export const ADMIN_NAV: NavItem[] = [
  { name: 'admin-grant', label: 'nav.adminGrant' },
  { name: 'admin-items', label: 'nav.adminItems' },
  { name: 'admin-supply', label: 'nav.adminSupply' },
  { name: 'admin-audit', label: 'nav.adminAudit' },
]
