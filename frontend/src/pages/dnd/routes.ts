import type { RouteRecordRaw } from 'vue-router'

const auth = { auth: true }

export default [
  {
    path: '/dnd',
    name: 'dnd',
    component: () => import('./DicePage.vue'),
    meta: { ...auth, title: 'nav.dnd', nav: { group: 'main', order: 70, icon: 'M12 2 21 7v10l-9 5-9-5V7zm0 0v20M3 7l9 5 9-5' } },
  },
  { path: '/dnd/characters', name: 'dnd-characters', component: () => import('./CharactersPage.vue'), meta: { ...auth, title: 'dnd.tabs.characters' } },
  { path: '/dnd/sessions', name: 'dnd-sessions', component: () => import('./SessionsPage.vue'), meta: { ...auth, title: 'dnd.tabs.sessions' } },
  { path: '/dnd/sessions/:id', name: 'dnd-session', component: () => import('./SessionPage.vue'), meta: { ...auth, title: 'dnd.tabs.sessions' } },
] satisfies RouteRecordRaw[]
