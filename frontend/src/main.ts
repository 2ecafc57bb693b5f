import { createApp } from 'vue'
import { createPinia } from 'pinia'
import urql from '@urql/vue'
import App from './App.vue'
import { i18n } from './i18n'
import { createAppRouter } from './router'
import { useAuthStore } from './stores/auth'
import { useLocaleStore } from './stores/locale'
import { startGraphqlSessions } from './urql/session'
import { registerPwa } from './pwa'
import './styles.css'

const app = createApp(App)
const pinia = createPinia()
app.use(pinia)
app.use(i18n)
const localeStore = useLocaleStore(pinia)

const auth = useAuthStore(pinia)
app.use(urql, startGraphqlSessions(auth))

const router = createAppRouter()
app.use(router)
// The first page's code downloads while the rest of the app starts (a new visitor lands on sign-in).
if (!auth.signedIn) void import('@/pages/auth/SignInPage.vue')
void localeStore.ready().then(() => {
  app.mount('#app')
  registerPwa(router)
})
