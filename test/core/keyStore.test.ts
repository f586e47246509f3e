import { describe, expect, test } from 'vitest'
import { createKeyStore, DEFAULT_KEY_LIMIT, type StorageLike } from '../../src/entries/core'

const memoryStorage = () => {
  const items = new Map<string, string>()
  let writes = 0
  const storage: StorageLike & { writes(): number; raw: Map<string, string> } = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      writes++
      items.set(key, value)
    },
    removeItem: (key) => void items.delete(key),
    writes: () => writes,
    raw: items,
  }
  return storage
}
// Writes wait for a task of their own after the burst: a timer tick.
const tick = () => new Promise<void>((resolve) => setTimeout(resolve))

describe('key store', () => {
  test('keeps at most `limit` keys, forgetting the least recently written first', () => {
    const store = createKeyStore({ limit: 3 })
    for (const key of ['a', 'b', 'c']) store.set(key, '1')
    store.set('a', '2') // rewriting refreshes a key
    store.set('d', '1')
    expect(store.size).toBe(3)
    expect(store.get('b')).toBeUndefined()
    expect(['a', 'c', 'd'].map((key) => store.get(key))).toEqual(['2', '1', '1'])
  })

  test('the default bound is 2,000 keys and holds after 10,000 writes', () => {
    const store = createKeyStore()
    for (let i = 0; i < 10_000; i++) store.set('m:c1:' + i, '1')
    expect(DEFAULT_KEY_LIMIT).toBe(2000)
    expect(store.size).toBe(2000)
    expect(store.get('m:c1:9999')).toBe('1')
    expect(store.get('m:c1:7999')).toBeUndefined()
  })

  test('mirrors to storage once per burst, and a new store (a reload) reads it back', async () => {
    const storage = memoryStorage()
    const store = createKeyStore({ storage })
    for (let i = 0; i < 50; i++) store.set('k' + i, '1')
    expect(storage.writes()).toBe(0)
    await tick()
    expect(storage.writes()).toBe(1)
    const reloaded = createKeyStore({ storage })
    expect(reloaded.get('k0')).toBe('1')
    expect(reloaded.size).toBe(50)
  })

  test('a burst spread over microtasks (a commit and the promise callbacks after it) is one write, in a task after it', async () => {
    const storage = memoryStorage()
    const store = createKeyStore({ storage })
    for (let i = 0; i < 20; i++) {
      store.set('k' + i, '1')
      await Promise.resolve() // each event in a microtask of its own: still inside the commit's task
    }
    expect(storage.writes()).toBe(0)
    await tick()
    expect(storage.writes()).toBe(1)
    expect(createKeyStore({ storage }).size).toBe(20)
  })

  test('pagehide writes what is pending at once (a reload, a closed tab, a navigation), and only that', async () => {
    const storage = memoryStorage()
    const store = createKeyStore({ storage })
    store.set('ended', '1') // tracked in the page's own beforeunload / pagehide handlers, say
    dispatchEvent(new Event('pagehide'))
    expect(storage.writes()).toBe(1)
    expect(createKeyStore({ storage }).get('ended')).toBe('1') // the reloaded page finds it
    dispatchEvent(new Event('pagehide'))
    await tick()
    expect(storage.writes()).toBe(1) // nothing pending: no second write, now or later
  })

  test('corrupt saved data and a storage that throws are survived, in memory', async () => {
    const storage = memoryStorage()
    storage.raw.set('react-copilot-analytics:v1', '{not json')
    const store = createKeyStore({ storage })
    expect(store.get('x')).toBeUndefined()
    const full: StorageLike = {
      getItem: () => null,
      setItem: () => {
        throw new DOMException('quota', 'QuotaExceededError')
      },
      removeItem: () => {},
    }
    const quota = createKeyStore({ storage: full })
    quota.set('x', '1')
    await tick()
    expect(quota.get('x')).toBe('1')
  })

  test('clear() forgets memory and storage', async () => {
    const storage = memoryStorage()
    const store = createKeyStore({ storage })
    store.set('x', '1')
    await tick()
    store.clear()
    expect(store.get('x')).toBeUndefined()
    await tick() // cleared storage is written like any other change, once in the tick
    expect(createKeyStore({ storage }).get('x')).toBeUndefined()
  })
})
