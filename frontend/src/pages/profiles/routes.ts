import type { RouteRecordRaw } from 'vue-router'

export default [
  {
    path: '/feed',
    name: 'feed',
    component: () => import('./FeedPage.vue'),
    meta: { auth: true, title: 'nav.feed', nav: { group: 'main', order: 39, icon: 'M4 5h16M4 12h16M4 19h10' } },
  },
  {
    path: '/profile',
    name: 'profile-edit',
    component: () => import('./ProfileEditPage.vue'),
    meta: { auth: true, title: 'nav.profile', nav: { group: 'main', order: 37, icon: 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9a8 8 0 0 1 16 0' } },
  },
  {
    path: '/u/:username',
    name: 'profile',
    component: () => import('./ProfilePage.vue'),
    props: true,
    meta: { title: 'nav.profile' },
  },
] satisfies RouteRecordRaw[]
