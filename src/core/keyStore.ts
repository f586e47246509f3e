/** The subset of the Web Storage API the key store needs (sessionStorage fits). */
export interface StorageLike {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

/**
 * Remembers what was already sent (exactly-once keys and conversation state), bounded, and
 * optionally mirrored to a Storage so that a reload of the tab does not send anything twice.
 */
export interface KeyStore {
  /** Values are JSON data, kept as given (the same object comes back until it is replaced). */
  get(key: string): unknown
  set(key: string, value: unknown): void
  /** Forget everything, in memory and in the mirror storage. */
  clear(): void
  readonly size: number
  readonly limit: number
}

/**
 * How many keys the default store keeps. The least recently written are forgotten first, except
 * that a key rewritten again and again (a conversation's state) is kept at least until half this
 * many other keys have been written after it.
 */
export const DEFAULT_KEY_LIMIT = 2000
const STORAGE_KEY = 'react-copilot-analytics:v1'

export interface KeyStoreOptions {
  /** At most this many keys are kept; default {@link DEFAULT_KEY_LIMIT}. */
  limit?: number
  /** Where keys survive a reload; `null` keeps them in memory only. */
  storage?: StorageLike | null
  storageKey?: string
}

/**
 * A bounded, least-recently-written key store.
 *
 * @example
 * const keyStore = createKeyStore({ storage: null, limit: 500 }) // memory only, e.g. on a server
 * const tracker = createCopilotTracker({ analytics, keyStore })
 */
export function createKeyStore({ limit = DEFAULT_KEY_LIMIT, storage = null, storageKey = STORAGE_KEY }: KeyStoreOptions = {}): KeyStore {
  let map: Map<string, unknown> | undefined
  let writeScheduled = false
  // Eviction state: the oldest-first iterator, the last key moved by a rewrite, and how many keys
  // had been moved to the newest end when it was.
  let oldest: Iterator<string> | undefined
  let hot: string | undefined
  let hotAt = 0
  let moves = 0

  const load = (): Map<string, unknown> => {
    if (!map) {
      map = new Map()
      try {
        map = new Map(JSON.parse(storage?.getItem(storageKey) || '[]'))
      } catch {
        // Unreadable or foreign data: start empty rather than break the host app.
      }
    }
    return map
  }

  // One write per tick however many keys change in it; a reload cannot happen before a microtask runs.
  const persist = () => {
    if (storage && !writeScheduled) {
      writeScheduled = true
      queueMicrotask(() => {
        writeScheduled = false
        try {
          storage.setItem(storageKey, JSON.stringify([...load()]))
        } catch {
          // Quota or privacy mode: the in-memory keys still hold for this page's life.
        }
      })
    }
  }

  return {
    get: (key) => load().get(key),
    set(key, value) {
      const keys = load()
      if (key === hot && moves - hotAt < limit / 2) {
        // The conversation's state is rewritten on every message. Moving a key to the newest end
        // (delete + set) costs V8 time in proportion to the Map's size (~2 us at 2,000 keys), so the
        // key rewritten last stays in place while it is still among the newest half: it cannot be
        // forgotten before limit / 2 other keys are written after it. (After clear() it is simply re-added.)
        keys.set(key, value)
      } else {
        if (keys.delete(key)) (hot = key), (hotAt = moves + 1)
        keys.set(key, value)
        moves++
      }
      // Everything before this iterator was evicted or moved behind it, so its next key is the oldest
      // (and there is one: the Map is not empty). A fresh keys() per eviction would walk past every
      // slot deleted since the Map last compacted: ~0.7 us a key at 2,000.
      while (keys.size > limit) keys.delete((oldest ??= keys.keys()).next().value as string)
      persist()
    },
    clear() {
      map = new Map()
      oldest = undefined // it walks the old Map
      persist()
    },
    get size() {
      return load().size
    },
    limit,
  }
}

let defaultStore: KeyStore | undefined

/** The store shared by every tracker on the page, mirrored to sessionStorage when there is one. */
export function getDefaultKeyStore(): KeyStore {
  return (defaultStore ??= createKeyStore({ storage: sessionStorageOrNull() }))
}

function sessionStorageOrNull(): StorageLike | null {
  try {
    return sessionStorage // a ReferenceError on a server, a SecurityError in a sandboxed iframe
  } catch {
    return null
  }
}

/**
 * Forget every exactly-once key of the default store, in memory and in sessionStorage. For tests
 * that reuse fixed conversation ids; never needed in an app.
 */
export function resetDefaultKeyStore(): void {
  defaultStore?.clear()
  try {
    sessionStorageOrNull()?.removeItem(STORAGE_KEY)
  } catch {
    // nothing to clear
  }
  defaultStore = undefined
}
