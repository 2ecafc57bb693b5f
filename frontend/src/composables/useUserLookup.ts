import { ref } from 'vue'
import { useClientHandle } from '@urql/vue'
import { UserByUsernameDocument } from '@/gql/graphql'

export interface FoundUser {
  id: string
  username: string
}

/** Looks a player up by username (userByUsername); remembers the last answer for that name. */
export function useUserLookup() {
  const handle = useClientHandle()
  const user = ref<FoundUser | null>(null)
  const notFound = ref<string | null>(null)
  const looking = ref(false)
  let lastName = ''

  async function lookup(name: string): Promise<FoundUser | null> {
    const username = name.trim().replace(/^@/, '')
    if (!username) {
      user.value = null
      notFound.value = null
      return null
    }
    if (username === lastName && user.value) return user.value
    looking.value = true
    try {
      const result = await handle.client
        .query(UserByUsernameDocument, { username }, { requestPolicy: 'network-only' })
        .toPromise()
      lastName = username
      user.value = result.data?.userByUsername ?? null
      notFound.value = user.value || result.error ? null : username
      return user.value
    } finally {
      looking.value = false
    }
  }

  function reset() {
    user.value = null
    notFound.value = null
    lastName = ''
  }

  return { user, notFound, looking, lookup, reset }
}
