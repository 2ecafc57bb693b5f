import type { RouteRecordRaw } from 'vue-router'

export default [
  { path: '/signin', name: 'signin', component: () => import('./SignInPage.vue'), meta: { guest: true, plain: true, title: 'auth.signIn' } },
  { path: '/signup', name: 'signup', component: () => import('./SignUpPage.vue'), meta: { guest: true, plain: true, title: 'auth.signUp' } },
] satisfies RouteRecordRaw[]
