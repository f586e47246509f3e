// @vitest-environment node
import { afterEach, expect, test, vi } from 'vitest'
import { randomId } from '../../src/core/randomId'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

afterEach(() => vi.unstubAllGlobals())

test('without crypto.randomUUID (an insecure http origin) the id is still a random v4 UUID', () => {
  vi.stubGlobal('crypto', {})
  const ids = Array.from({ length: 200 }, randomId)
  for (const id of ids) expect(id).toMatch(UUID_V4)
  expect(new Set(ids).size).toBe(200)
})
