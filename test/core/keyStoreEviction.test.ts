import fc from 'fast-check'
import { expect, test } from 'vitest'
import { createKeyStore } from '../../src/core/keyStore'

const operations = fc.array(
  fc.oneof(
    // Key 0 is rewritten often, like a conversation's state between its messages' keys.
    { weight: 10, arbitrary: fc.tuple(fc.constant('set' as const), fc.constant(0), fc.integer({ min: 0, max: 3 })) },
    { weight: 20, arbitrary: fc.tuple(fc.constant('set' as const), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 3 })) },
    { weight: 1, arbitrary: fc.constant(['clear'] as const) },
  ),
  { maxLength: 300 },
)

test('stays within its limit, never returns a stale value, and keeps every key written since fewer than limit / 2 others', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1, max: 8 }), operations, (limit, ops) => {
      const store = createKeyStore({ storage: null, limit })
      // Per key: its latest value, and the keys written after it (since it was last written).
      let written = new Map<string, { value: string; after: Set<string> }>()
      for (const op of ops) {
        if (op[0] === 'clear') {
          store.clear()
          written = new Map()
        } else {
          const key = 'k' + op[1]
          const value = 'v' + op[2]
          store.set(key, value)
          for (const [other, state] of written) if (other !== key) state.after.add(key)
          written.set(key, { value, after: new Set() })
        }
        expect(store.size).toBeLessThanOrEqual(limit)
        for (let k = 0; k <= 12; k++) {
          const state = written.get('k' + k)
          const got = store.get('k' + k)
          if (got !== undefined) expect(got).toBe(state?.value) // never a value that was overwritten or cleared
          if (state && state.after.size < limit / 2) expect(got).toBe(state.value)
        }
      }
    }),
    { numRuns: 300 },
  )
})

test('without rewrites it forgets exactly the oldest keys', () => {
  const store = createKeyStore({ storage: null, limit: 5 })
  for (let i = 0; i < 1000; i++) {
    store.set('m' + i, '1')
    expect(store.size).toBe(Math.min(i + 1, 5))
  }
  for (let i = 0; i < 1000; i++) expect(store.get('m' + i)).toBe(i >= 995 ? '1' : undefined)
})

test('a key rewritten on every write survives any number of newer keys', () => {
  const store = createKeyStore({ storage: null, limit: 3 })
  for (let i = 0; i < 10_000; i++) {
    store.set('m' + i, '1')
    store.set('conversation', String(i))
  }
  expect(store.get('conversation')).toBe('9999')
  expect(store.get('m9999')).toBe('1')
  expect(store.get('m9998')).toBe('1')
  expect(store.get('m9997')).toBeUndefined()
  expect(store.size).toBe(3)
})

test('two conversations rewritten in turn both survive a long stream of new keys', () => {
  const store = createKeyStore({ storage: null, limit: 10 })
  for (let i = 0; i < 5_000; i++) {
    store.set('m' + i, '1')
    store.set(i % 2 ? 'c:a' : 'c:b', String(i))
  }
  expect(store.get('c:a')).toBe('4999')
  expect(store.get('c:b')).toBe('4998')
  expect(store.size).toBe(10)
})
