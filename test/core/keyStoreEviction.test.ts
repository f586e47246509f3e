import fc from 'fast-check'
import { expect, test } from 'vitest'
import { createKeyStore } from '../../src/core/keyStore'

// The reference: an array, oldest written first, that forgets from the front.
function referenceStore(limit: number) {
  const entries: [string, string][] = []
  return {
    set(key: string, value: string) {
      const at = entries.findIndex(([k]) => k === key)
      if (at >= 0) entries.splice(at, 1)
      entries.push([key, value])
      while (entries.length > limit) entries.shift()
    },
    get: (key: string) => entries.find(([k]) => k === key)?.[1],
    get size() {
      return entries.length
    },
  }
}

test('forgets exactly the least recently written keys, however writes, rewrites and clears interleave', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 8 }),
      fc.array(fc.oneof(fc.tuple(fc.constant('set' as const), fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 3 })), fc.constant(['clear'] as const)), { maxLength: 300 }),
      (limit, operations) => {
        const store = createKeyStore({ storage: null, limit })
        let reference = referenceStore(limit)
        for (const operation of operations) {
          if (operation[0] === 'clear') {
            store.clear()
            reference = referenceStore(limit)
          } else {
            store.set('k' + operation[1], 'v' + operation[2])
            reference.set('k' + operation[1], 'v' + operation[2])
          }
          expect(store.size).toBe(reference.size)
        }
        for (let k = 0; k <= 12; k++) expect(store.get('k' + k)).toBe(reference.get('k' + k))
      },
    ),
    { numRuns: 300 },
  )
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
