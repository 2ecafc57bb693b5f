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
import { loadDateLocales } from './naiveLocale'
import { afterFirstPage } from './utils/idle'
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
// The sign-in page's code (preloaded by the boot script, see vite-plugins/first-route-preload.ts) is
// requested here too in case that script did not run.
if (!auth.signedIn) void import('@/pages/auth/SignInPage.vue')
void localeStore.ready().then(() => {
  app.mount('#app')
  registerPwa(router)
  afterFirstPage(() => void loadDateLocales())
})
