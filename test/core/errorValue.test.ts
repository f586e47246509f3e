import { afterEach, expect, test, vi } from 'vitest'
import { createCopilotTracker, createKeyStore, type CopilotAnalyticsError } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'

afterEach(() => vi.unstubAllEnvs())

function errorsOf(run: (tracker: ReturnType<typeof createCopilotTracker>) => void) {
  const errors: CopilotAnalyticsError[] = []
  run(createCopilotTracker({ analytics: createMemoryAnalytics(), keyStore: createKeyStore(), onError: (e) => errors.push(e) }))
  return errors
}

test('every error carries the value that was wrong as error.value', () => {
  const boom = new Error('down')
  const errors = errorsOf((tracker) => {
    tracker.message({ conversationId: 'c', id: '', role: 'user', body: 'Hi' })
    tracker.feedback({ conversationId: 'c', rating: Number.NaN })
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', body: 'A', metadata: { input_tokens: -2 } })
    tracker.configure({ analytics: { track: () => { throw boom }, identify: () => {} } })
    tracker.message({ conversationId: 'c', id: 'a2', role: 'assistant', body: 'A' })
  })
  expect(errors.map((e) => [e.code, e.value])).toEqual([
    ['missing_message_id', ''],
    ['invalid_rating', Number.NaN],
    ['invalid_property', -2],
    ['client_error', boom],
  ])
})

test('production messages carry the code only (the value is on error.value); development ones the guidance and the value', () => {
  const [development] = errorsOf((tracker) => tracker.message({ conversationId: 'c', id: '', role: 'user' }))
  expect(development.message).toContain('got "" (string)')
  vi.stubEnv('NODE_ENV', 'production')
  const [production] = errorsOf((tracker) => tracker.message({ conversationId: 'c', id: '', role: 'user' }))
  expect(production.message).toBe('[react-copilot-analytics] (missing_message_id)')
  expect(production.value).toBe('')
})

test('a revoked Proxy as the value: reported, never thrown; the message names it, the error hands it over', () => {
  const revoked = Proxy.revocable({}, {})
  revoked.revoke()
  const [development] = errorsOf((tracker) => tracker.feedback({ conversationId: 'c', rating: revoked.proxy as never }))
  expect(development.message).toContain('got a revoked Proxy')
  expect(development.value === revoked.proxy).toBe(true) // by identity: vitest's matchers cannot inspect a revoked Proxy
  expect(development.cause).toBeUndefined()
  vi.stubEnv('NODE_ENV', 'production')
  const [production] = errorsOf((tracker) => tracker.feedback({ conversationId: 'c', rating: revoked.proxy as never }))
  expect(production.code).toBe('invalid_rating')
  expect(production.value === revoked.proxy).toBe(true)
})
