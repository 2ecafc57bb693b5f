import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/chat',
    name: 'chat',
    component: () => import('./ChatPage.vue'),
    meta: { auth: true, title: 'nav.chat', nav: { group: 'main', order: 42, icon: 'M4 5h16v11H8l-4 4zM8 9h8M8 12h5' } },
  },
] satisfies RouteRecordRaw[]
