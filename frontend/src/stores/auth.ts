import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'

const STORAGE_KEY = 'lucas.auth'

interface SavedTokens {
  accessToken: string | null
  refreshToken: string | null
}

function readSaved(): SavedTokens {
  try {
    const raw = localStorage.getItem(STORAGE_KEY)
    if (raw) {
      const parsed = JSON.parse(raw) as Partial<SavedTokens>
      return { accessToken: parsed.accessToken ?? null, refreshToken: parsed.refreshToken ?? null }
    }
  } catch {
    /* storage unavailable or corrupt: start signed out */
  }
  return { accessToken: null, refreshToken: null }
}

/** Client state only: the tokens. Who the user is comes from the `me` query in the urql cache. */
export const useAuthStore = defineStore('auth', () => {
  const saved = readSaved()
  const accessToken = ref<string | null>(saved.accessToken)
  const refreshToken = ref<string | null>(saved.refreshToken)
  /** Bumped on sign-in and sign-out: the GraphQL client, its cache and its socket are rebuilt. */
  const session = ref(0)
  /** Set when the session ended without the user asking (refresh token refused). */
  const expired = ref(false)

  const signedIn = computed(() => accessToken.value !== null)

  function signIn(access: string, refresh: string | null) {
    accessToken.value = access
    refreshToken.value = refresh
    expired.value = false
    session.value++
  }

  /** A silent refresh: same session, new tokens. */
  function refreshed(access: string, refresh: string | null) {
    accessToken.value = access
    if (refresh) refreshToken.value = refresh
  }

  function signOut({ expired: wasExpired = false }: { expired?: boolean } = {}) {
    accessToken.value = null
    refreshToken.value = null
    expired.value = wasExpired
    session.value++
  }

  watch([accessToken, refreshToken], ([access, refresh]) => {
    try {
      if (access || refresh) {
        localStorage.setItem(STORAGE_KEY, JSON.stringify({ accessToken: access, refreshToken: refresh }))
      } else {
        localStorage.removeItem(STORAGE_KEY)
      }
    } catch {
      /* private mode: tokens live for this tab only */
    }
  }, { flush: 'sync' })

  return { accessToken, refreshToken, session, expired, signedIn, signIn, refreshed, signOut }
})

export type AuthStore = ReturnType<typeof useAuthStore>
