import { isDeepStrictEqual } from 'node:util'
import fc from 'fast-check'
import { describe, expect, test } from 'vitest'
import { createKeyStore, DEFAULT_KEY_LIMIT, type StorageLike } from '../../src/core/keyStore'

const memoryStorage = (failWrites = () => false) => {
  const items = new Map<string, string>()
  const written: string[] = []
  const storage: StorageLike & { items: Map<string, string>; written: string[] } = {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      if (failWrites()) throw new DOMException('full', 'QuotaExceededError')
      written.push(value)
      items.set(key, value)
    },
    removeItem: (key) => void items.delete(key),
    items,
    written,
  }
  return storage
}
// Writes wait for a task of their own after the burst: a timer tick.
const tick = () => new Promise<void>((resolve) => setTimeout(resolve))
const state = (n: number) => ({ isStarted: true, messageCount: n, startedAt: 1763700000000, nested: { list: [n, 'x'] } })

describe('key store persistence', () => {
  test('a tick that sends one message at the 2,000-key bound writes a small journal, not the whole store', async () => {
    const storage = memoryStorage()
    const store = createKeyStore({ storage })
    for (let i = 0; i < DEFAULT_KEY_LIMIT; i++) store.set('m:c1:history' + i, 1)
    await tick()
    const whole = storage.written.at(-1)!.length
    expect(whole).toBeGreaterThan(DEFAULT_KEY_LIMIT * 15)
    const perTick: number[] = []
    for (let i = 0; i < 500; i++) {
      store.set('m:c1:new' + i, 1)
      store.set('c:c1', state(i))
      const before = storage.written.length
      await tick()
      expect(storage.written.length).toBe(before + 1) // still one write per tick
      perTick.push(storage.written.at(-1)!.length)
    }
    // Every 64 keys or so the whole store is rewritten once; every other tick writes under 5% of it.
    const small = perTick.filter((length) => length < whole / 20)
    expect(small.length).toBeGreaterThan(480)
    expect(perTick.reduce((a, b) => a + b) / perTick.length).toBeLessThan(whole / 10)

    const reloaded = createKeyStore({ storage })
    expect(reloaded.size).toBe(DEFAULT_KEY_LIMIT)
    expect(reloaded.get('c:c1')).toEqual(state(499))
    expect(reloaded.get('m:c1:new499')).toBe(1)
    expect(reloaded.get('m:c1:history' + (DEFAULT_KEY_LIMIT - 1))).toBe(1)
    expect(reloaded.get('m:c1:history0')).toBeUndefined()
    expect([...Array(DEFAULT_KEY_LIMIT).keys()].filter((i) => reloaded.get('m:c1:history' + i) === store.get('m:c1:history' + i))).toHaveLength(DEFAULT_KEY_LIMIT)
  })

  // Random writes, rewrites, clears and ticks against small limits: after every tick, a reload (a new
  // store over the same storage) holds exactly the keys and values memory holds, and the stored data
  // stays bounded.
  const operations = fc.array(
    fc.oneof(
      { weight: 40, arbitrary: fc.tuple(fc.constant('set' as const), fc.integer({ min: 0, max: 150 }), fc.integer({ min: 0, max: 2 })) },
      { weight: 20, arbitrary: fc.tuple(fc.constant('set' as const), fc.constant(0), fc.integer({ min: 3, max: 6 })) },
      { weight: 15, arbitrary: fc.constant(['tick'] as const) },
      { weight: 5, arbitrary: fc.constant(['reload'] as const) },
      { weight: 1, arbitrary: fc.constant(['clear'] as const) },
    ),
    { maxLength: 300, size: 'max' },
  )
  const universe = Array.from({ length: 151 }, (_, i) => 'k' + i)

  test('after every tick a reload restores exactly what memory holds, within the bound', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(1, 2, 5, 40, 100, 130), operations, async (limit, ops) => {
        const storage = memoryStorage()
        let store = createKeyStore({ storage, limit })
        // Values: 1 (a claim), other numbers, and JSON objects (conversation state).
        const value = (v: number) => (v === 1 ? 1 : v === 2 ? 'two' : v > 2 ? state(v) : 0)
        for (const op of ops) {
          if (op[0] === 'set') store.set(universe[op[1]], value(op[2]))
          else if (op[0] === 'clear') store.clear()
          else {
            await tick()
            const reloaded = createKeyStore({ storage, limit })
            const stored = [...storage.items.values()].reduce((n, json) => n + JSON.parse(json).length, 0)
            const ok =
              reloaded.size === store.size && universe.every((key) => isDeepStrictEqual(reloaded.get(key), store.get(key))) && stored <= limit + 64
            if (!ok) expect({ size: reloaded.size, keys: universe.map((key) => reloaded.get(key)), stored }).toEqual({ size: store.size, keys: universe.map((key) => store.get(key)), stored: '<= limit + 64' })
            if (op[0] === 'reload') store = reloaded
          }
          if (store.size > limit) expect(store.size).toBeLessThanOrEqual(limit)
        }
      }),
      { numRuns: 100 },
    )
  })

  test('a failed write (quota) is made good by the next tick that can write', async () => {
    let failing = false
    const storage = memoryStorage(() => failing)
    const store = createKeyStore({ storage })
    store.set('a', 1)
    await tick()
    store.set('b', 1)
    failing = true
    await tick()
    store.set('c', state(1))
    failing = false
    await tick()
    const reloaded = createKeyStore({ storage })
    expect(['a', 'b', 'c'].map((key) => reloaded.get(key))).toEqual([1, 1, state(1)])
  })

  test('clear() empties the journal too, and foreign data in the journal is survived', async () => {
    const storage = memoryStorage()
    const store = createKeyStore({ storage, storageKey: 's' })
    store.set('a', 1)
    await tick()
    store.set('b', 1)
    await tick()
    expect([...storage.items.keys()]).toEqual(['s', 's:j'])
    store.clear()
    await tick()
    expect([...storage.items.entries()]).toEqual([['s', '[]']])

    for (const foreign of ['{not json', '{"a":1}', '[null]', '7']) {
      storage.items.set('s', '["kept"]')
      storage.items.set('s:j', foreign)
      const reloaded = createKeyStore({ storage, storageKey: 's' })
      expect(reloaded.get('kept')).toBe(1)
      reloaded.set('x', 1)
      await tick()
      expect(createKeyStore({ storage, storageKey: 's' }).get('x')).toBe(1)
    }
  })

  test('keys saved by the previous format (an array of [key, value]) are read', () => {
    const storage = memoryStorage()
    storage.items.set('react-copilot-analytics:v1', JSON.stringify([['m:c1:m1', 1], ['c:c1', state(2)]]))
    const store = createKeyStore({ storage })
    expect(store.get('m:c1:m1')).toBe(1)
    expect(store.get('c:c1')).toEqual(state(2))
  })

  test('a key set memoryOnly lives in memory only: a reload finds the value storage had, until a normal set', async () => {
    const storage = memoryStorage()
    const store = createKeyStore({ storage, storageKey: 's' })
    const reload = () => createKeyStore({ storage, storageKey: 's' })
    store.set('c:c1', state(1))
    await tick()
    store.set('m:c1:held', 1, true) // claimed for a call held for consent
    store.set('c:c1', state(2), true)
    await tick()
    expect(store.get('m:c1:held')).toBe(1)
    expect(store.get('c:c1')).toEqual(state(2))
    expect(reload().get('m:c1:held')).toBeUndefined()
    expect(reload().get('c:c1')).toEqual(state(1))

    // Neither the journal nor a rewritten snapshot (past 64 keys) carries them.
    for (let i = 0; i < 100; i++) store.set('m:c1:sent' + i, 1)
    await tick()
    expect([...storage.items.values()].join()).not.toContain('held')
    expect(reload().get('c:c1')).toEqual(state(1))
    expect(reload().get('m:c1:sent99')).toBe(1)

    // Granted: set again normally, they persist.
    store.set('m:c1:held', 1)
    store.set('c:c1', store.get('c:c1'))
    await tick()
    expect(reload().get('m:c1:held')).toBe(1)
    expect(reload().get('c:c1')).toEqual(state(2))
  })
})
