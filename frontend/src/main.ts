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
// Mounted once the first page (and, unless it is plain, Naive UI) and the messages are loaded.
void Promise.all([localeStore.ready(), router.isReady()]).then(() => {
  app.mount('#app')
  registerPwa(router)
})
