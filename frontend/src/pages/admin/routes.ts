import type { RouteRecordRaw } from 'vue-router'

const admin = { auth: true, role: 'ADMIN' } as const

export default [
  { path: '/admin', redirect: '/admin/grant' },
  {
    path: '/admin/grant',
    name: 'admin-grant',
    component: () => import('./AdminGrantPage.vue'),
    meta: {
      ...admin,
      title: 'nav.adminGrant',
      nav: [
        { group: 'admin', order: 10 },
        { group: 'main', order: 90, label: 'nav.admin', icon: 'M12 3 4 6v6c0 5 3.5 8 8 9 4.5-1 8-4 8-9V6z' },
      ],
    },
  },
  { path: '/admin/items', name: 'admin-items', component: () => import('./AdminItemsPage.vue'), meta: { ...admin, title: 'nav.adminItems', nav: { group: 'admin', order: 20 } } },
  { path: '/admin/supply', name: 'admin-supply', component: () => import('./AdminSupplyPage.vue'), meta: { ...admin, title: 'nav.adminSupply', nav: { group: 'admin', order: 30 } } },
  { path: '/admin/audit', name: 'admin-audit', component: () => import('./AdminAuditPage.vue'), meta: { ...admin, title: 'nav.adminAudit', nav: { group: 'admin', order: 40 } } },
] satisfies RouteRecordRaw[]
