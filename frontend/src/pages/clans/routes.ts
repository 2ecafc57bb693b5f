import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/clans',
    name: 'clans',
    component: () => import('./ClansPage.vue'),
    meta: { auth: true, title: 'nav.clans', nav: { group: 'main', order: 39, icon: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6l8-3zM9 12l2 2 4-4' } },
  },
  { path: '/clans/:id', name: 'clan', component: () => import('./ClanPage.vue'), props: true, meta: { auth: true, title: 'nav.clans' } },
] satisfies RouteRecordRaw[]
