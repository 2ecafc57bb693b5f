import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useAuthStore } from '@/stores/auth'
import { currentClient } from '@/urql/session'
import { MeDocument } from '@/gql/graphql'

declare module 'vue-router' {
  interface RouteMeta {
    /** Needs a signed-in user. */
    auth?: boolean
    /** Needs me.role == ADMIN. */
    admin?: boolean
    /** Only for signed-out visitors (sign in / sign up). */
    guest?: boolean
    /** i18n key of the page title. */
    title?: string
  }
}

export const routes: RouteRecordRaw[] = [
  { path: '/signin', name: 'signin', component: () => import('@/pages/SignInPage.vue'), meta: { guest: true, title: 'auth.signIn' } },
  { path: '/signup', name: 'signup', component: () => import('@/pages/SignUpPage.vue'), meta: { guest: true, title: 'auth.signUp' } },
  { path: '/', name: 'home', component: () => import('@/pages/HomePage.vue'), meta: { auth: true, title: 'nav.home' } },
  { path: '/history', name: 'history', component: () => import('@/pages/HistoryPage.vue'), meta: { auth: true, title: 'nav.history' } },
  { path: '/pay', name: 'pay', component: () => import('@/pages/PayPage.vue'), meta: { auth: true, title: 'nav.pay' } },
  { path: '/shop', name: 'shop', component: () => import('@/pages/ShopPage.vue'), meta: { auth: true, title: 'nav.shop' } },
  { path: '/inventory', name: 'inventory', component: () => import('@/pages/InventoryPage.vue'), meta: { auth: true, title: 'nav.inventory' } },
  { path: '/notifications', name: 'notifications', component: () => import('@/pages/NotificationsPage.vue'), meta: { auth: true, title: 'nav.notifications' } },
  { path: '/admin', redirect: '/admin/grant' },
  { path: '/admin/grant', name: 'admin-grant', component: () => import('@/pages/admin/AdminGrantPage.vue'), meta: { auth: true, admin: true, title: 'nav.adminGrant' } },
  { path: '/admin/items', name: 'admin-items', component: () => import('@/pages/admin/AdminItemsPage.vue'), meta: { auth: true, admin: true, title: 'nav.adminItems' } },
  { path: '/admin/supply', name: 'admin-supply', component: () => import('@/pages/admin/AdminSupplyPage.vue'), meta: { auth: true, admin: true, title: 'nav.adminSupply' } },
  { path: '/admin/audit', name: 'admin-audit', component: () => import('@/pages/admin/AdminAuditPage.vue'), meta: { auth: true, admin: true, title: 'nav.adminAudit' } },
  { path: '/:pathMatch(.*)*', name: 'not-found', component: () => import('@/pages/NotFoundPage.vue'), meta: { title: 'app.notFound' } },
]

export function createAppRouter() {
  const router = createRouter({
    history: createWebHistory(),
    routes,
    scrollBehavior: () => ({ top: 0 }),
  })

  router.beforeEach(async (to) => {
    const auth = useAuthStore()
    if (to.meta.auth && !auth.signedIn) {
      return { name: 'signin', query: to.fullPath !== '/' ? { next: to.fullPath } : {} }
    }
    if (to.meta.guest && auth.signedIn) return { name: 'home' }
    if (to.meta.admin) {
      const result = await currentClient().query(MeDocument, {}, { requestPolicy: 'cache-first' }).toPromise()
      if (result.data?.me?.role !== 'ADMIN') return { name: 'home' }
    }
    return true
  })

  return router
}
