import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/gdboard',
    name: 'gdboard',
    component: () => import('./GdBoardPage.vue'),
    meta: { auth: true, title: 'nav.gdboard', nav: { group: 'main', order: 43, icon: 'M4 20V8l4 4 4-8 4 8 4-4v12z' } },
  },
] satisfies RouteRecordRaw[]
