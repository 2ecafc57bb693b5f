import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/inventory',
    name: 'inventory',
    component: () => import('./InventoryPage.vue'),
    meta: { auth: true, title: 'nav.inventory', nav: { group: 'main', order: 50, icon: 'M4 7h16v13H4zm0 0 2-3h12l2 3M10 11h4' } },
  },
] satisfies RouteRecordRaw[]
