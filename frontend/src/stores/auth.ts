import { defineStore } from 'pinia'
import { computed, ref, watch } from 'vue'
import { subjectOf } from '@/urql/tokens'

const STORAGE_KEY = 'lucas.auth'

interface SavedTokens {
  accessToken: string | null
  refreshToken: string | null
}

export function readSaved(): SavedTokens {
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

  // Another tab refreshed (or signed out): take its tokens instead of refreshing again here.
  if (typeof window !== 'undefined') {
    window.addEventListener('storage', (event) => {
      if (event.key !== STORAGE_KEY && event.key !== null) return
      const saved = readSaved()
      if (!saved.accessToken) {
        if (accessToken.value) signOut()
      } else if (saved.accessToken !== accessToken.value) {
        // The same user's rotated tokens: a silent refresh. Anyone else: a new session (fresh cache).
        const same = accessToken.value !== null && subjectOf(accessToken.value) === subjectOf(saved.accessToken)
        if (same) refreshed(saved.accessToken, saved.refreshToken)
        else signIn(saved.accessToken, saved.refreshToken)
      }
    })
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

  return { accessToken, refreshToken, session, expired, signedIn, signIn, refreshed, signOut, readStored: readSaved }
})

export type AuthStore = ReturnType<typeof useAuthStore>
