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
  /**
   * `memoryOnly` (for a call held for consent): storage keeps the value it had, so a reload forgets
   * this one, until the key is set again without it.
   */
  set(key: string, value: unknown, memoryOnly?: boolean): void
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
// Past this many keys written since the snapshot, the next write rewrites the snapshot instead.
const JOURNAL_LIMIT = 64

export interface KeyStoreOptions {
  /** At most this many keys are kept; default {@link DEFAULT_KEY_LIMIT}. */
  limit?: number
  /**
   * Where keys survive a reload; `null` keeps them in memory only. Written once per burst of
   * changed keys, in a task after it (not inside the React commit that tracked them), and at once
   * on `pagehide` (a reload, a closed tab, a navigation): a small journal of the keys written since
   * the last snapshot of the whole store (`storageKey + ':j'`), the snapshot itself (`storageKey`) every 64 keys or so. A reload restores
   * exactly the keys memory held, at most `limit`; storage holds at most `limit` + 64.
   */
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
export function createKeyStore({ limit = DEFAULT_KEY_LIMIT, storage, storageKey = STORAGE_KEY }: KeyStoreOptions = {}): KeyStore {
  let map: Map<string, unknown> | undefined
  let writeScheduled: boolean | undefined
  // Eviction state: the oldest-first iterator, the last key moved by a rewrite, and how many keys
  // had been moved to the newest end when it was.
  let oldest: Iterator<string> | undefined
  let hot: string | undefined
  let hotAt = 0
  let moves = 0
  // Storage holds a snapshot of the whole store (storageKey) and a journal of the keys written
  // since (storageKey + ':j'), in the order they were last written. A tick rewrites only the
  // journal; the snapshot is rewritten when the journal outgrows JOURNAL_LIMIT keys (so its cost
  // is spread over many ticks), when a key of the journal is evicted (so that replaying the
  // journal over the snapshot evicts exactly what memory did), and on the first write of a page
  // (so that a journal left by an earlier page is folded in before it is replaced).
  // `undefined`: the next write rewrites the snapshot.
  let journal: Set<string> | undefined
  const journalKey = storageKey + ':j'
  // The keys last set `memoryOnly`, each with the value storage holds for it.
  const unsaved = new Map<string, unknown>()

  const put = (key: string, value: unknown) => {
    // The conversation's state is rewritten on every message. Moving a key to the newest end
    // (delete + set) costs V8 time in proportion to the Map's size (~2 us at 2,000 keys), so the
    // key rewritten last stays in place while it is still among the newest half: it cannot be
    // forgotten before limit / 2 other keys are written after it. (After clear() it is simply re-added.)
    if (key !== hot || moves - hotAt >= limit / 2) {
      if (map!.delete(key)) {
        hot = key
        hotAt = moves + 1
      }
      moves++
    }
    map!.set(key, value)
    // Everything before this iterator was evicted or moved behind it, so its next key is the oldest
    // (and there is one: the Map is not empty). A fresh keys() per eviction would walk past every
    // slot deleted since the Map last compacted: ~0.7 us a key at 2,000.
    while (map!.size > limit) {
      const evicted = (oldest ??= map!.keys()).next().value as string
      map!.delete(evicted)
      unsaved.delete(evicted)
      if (journal?.has(evicted)) journal = undefined
    }
  }

  const load = (): Map<string, unknown> => {
    if (!map) {
      map = new Map()
      // The journal replays over the snapshot; what no longer fits is evicted as in memory.
      for (const key of [storageKey, journalKey])
        try {
          // A key whose value is 1 (most of them: claim()'s mark) is saved as the bare string.
          for (const entry of JSON.parse(storage?.getItem(key) || '[]'))
            typeof entry === 'string' ? put(entry, 1) : put(entry[0], entry[1])
        } catch {
          // Unreadable or foreign data: keep what was read rather than break the host app.
        }
    }
    return map
  }

  // An unset key (undefined: only ever set in memory, or released) is left out: a reload must not find it.
  const encode = (keys: Iterable<string>) =>
    JSON.stringify(
      [...keys].flatMap((key) => {
        const value = unsaved.has(key) ? unsaved.get(key) : map!.get(key)
        return value === undefined ? [] : [value === 1 ? key : [key, value]]
      }),
    )

  // One write per burst of keys, in a task after it (never inside the commit that tracked them),
  // or at once when the page goes: the tab's pagehide runs after the provider's last events.
  const write = () => {
    if (!writeScheduled) return
    writeScheduled = false
    try {
      if (journal) storage!.setItem(journalKey, encode(journal))
      else {
        storage!.setItem(storageKey, encode(load().keys()))
        storage!.removeItem(journalKey)
        journal = new Set()
      }
    } catch {
      // Quota or privacy mode: the in-memory keys still hold for this page's life.
    }
  }
  if (storage) globalThis.addEventListener?.('pagehide', write)
  const scheduleWrite = () => {
    if (storage && !writeScheduled) {
      writeScheduled = true
      setTimeout(write)
    }
  }

  return {
    get: (key) => load().get(key),
    set(key, value, memoryOnly) {
      load()
      if (memoryOnly) {
        if (!unsaved.has(key)) unsaved.set(key, map!.get(key))
        return put(key, value)
      }
      // Storing what memory holds already (a held call, granted) leaves the key where it is.
      if (!unsaved.delete(key) || map!.get(key) !== value) put(key, value)
      if (journal) {
        journal.delete(key)
        if (journal.add(key).size > JOURNAL_LIMIT) journal = undefined
      }
      scheduleWrite()
    },
    clear() {
      map = new Map()
      unsaved.clear()
      oldest = journal = undefined // the iterator walks the old Map
      scheduleWrite()
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
  return (defaultStore ??= createKeyStore({ storage: pageSessionStorage() }))
}

function pageSessionStorage(): StorageLike | undefined {
  try {
    return sessionStorage // a ReferenceError on a server, a SecurityError in a sandboxed iframe
  } catch {
    // none: keys are kept in memory only
  }
}

/**
 * Forget every exactly-once key of the default store, in memory and in sessionStorage. For tests
 * that reuse fixed conversation ids; never needed in an app. Exported as `resetTrackedKeys` from
 * `react-copilot-analytics/testing`.
 *
 * @example
 * import { resetTrackedKeys } from 'react-copilot-analytics/testing'
 * afterEach(() => {
 *   cleanup()
 *   resetTrackedKeys()
 * })
 */
export function resetDefaultKeyStore(): void {
  defaultStore?.clear()
  try {
    pageSessionStorage()?.removeItem(STORAGE_KEY)
    pageSessionStorage()?.removeItem(STORAGE_KEY + ':j')
  } catch {
    // nothing to clear
  }
  defaultStore = undefined
}
