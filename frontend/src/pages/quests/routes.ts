import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/quests',
    name: 'quests',
    component: () => import('./QuestsPage.vue'),
    meta: { auth: true, title: 'nav.quests', nav: { group: 'main', order: 13, icon: 'M6 3h10l3 3v15H6zM9 9h7M9 13h7M9 17h4' } },
  },
  {
    path: '/admin/quests',
    name: 'admin-quests',
    component: () => import('./AdminQuestsPage.vue'),
    meta: { auth: true, role: 'ADMIN', title: 'nav.adminQuests', nav: { group: 'admin', order: 25 } },
  },
] satisfies RouteRecordRaw[]
