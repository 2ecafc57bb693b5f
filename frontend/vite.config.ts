import { fileURLToPath, URL } from 'node:url'
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import { VitePWA } from 'vite-plugin-pwa'
import { precompileMessages } from './vite-plugins/precompile-messages.ts'
import { stylesheetFirst } from './vite-plugins/stylesheet-first.ts'
import { splitDocuments } from './vite-plugins/split-documents.ts'
import { firstRoutePreload } from './vite-plugins/first-route-preload.ts'

const API = process.env.LUCAS_API ?? 'http://127.0.0.1:8000'

export default defineConfig({
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  define: {
    __VUE_I18N_FULL_INSTALL__: false,
    __VUE_I18N_LEGACY_API__: false,
    __INTLIFY_PROD_DEVTOOLS__: false,
    __VUE_PROD_DEVTOOLS__: false,
  },
  plugins: [
    precompileMessages(),
    splitDocuments(),
    vue(),
    stylesheetFirst(),
    firstRoutePreload(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: false,
      includeAssets: ['favicon.svg', 'apple-touch-icon.png'],
      manifest: {
        name: 'LucasTeam',
        short_name: 'LucasTeam',
        description: 'Кошелёк, магазин и инвентарь игрового сообщества LucasTeam',
        lang: 'ru',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        background_color: '#101014',
        theme_color: '#101014',
        icons: [
          { src: '/pwa-192x192.png', sizes: '192x192', type: 'image/png' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png' },
          { src: '/pwa-512x512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,woff2,webmanifest}'],
        navigateFallback: '/index.html',
        navigateFallbackDenylist: [/^\/graphql/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
  server: {
    host: '127.0.0.1',
    proxy: {
      // No changeOrigin: strawberry refuses cross-origin WebSocket upgrades.
      '/graphql': { target: API, ws: true },
      '/auth': { target: API },
      '/avatar': { target: API },
    },
  },
  preview: {
    proxy: { '/graphql': { target: API, ws: true }, '/auth': { target: API }, '/avatar': { target: API } },
  },
  build: {
    target: 'es2022',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
})
