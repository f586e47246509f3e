import { expect, test } from 'vitest'
import { createCopilotTracker } from '../../src/core/createCopilotTracker'
import { createKeyStore } from '../../src/core/keyStore'
import { createMemoryAnalytics } from '../../src/core/memoryAnalytics'

test('the conversation snapshot changes exactly when the conversation does', () => {
  const tracker = createCopilotTracker({ analytics: createMemoryAnalytics(), keyStore: createKeyStore({ storage: null }), now: () => 1000 })
  const empty = tracker.getConversation('c1')
  expect(tracker.getConversation('c1')).toBe(empty) // useSyncExternalStore needs a stable snapshot
  expect(empty).toEqual({ conversationId: 'c1', isStarted: false, isEnded: false, messageCount: 0 })

  tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
  const afterOne = tracker.getConversation('c1')
  expect(afterOne).not.toBe(empty)
  expect(afterOne).toStrictEqual({ conversationId: 'c1', isStarted: true, isEnded: false, messageCount: 1, startedAt: 1000 })
  expect(tracker.getConversation('c1')).toBe(afterOne)

  tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' }) // already sent: nothing changes
  expect(tracker.getConversation('c1')).toBe(afterOne)
  tracker.message({ conversationId: 'c1', id: 'm2', role: 'assistant', body: 'Hello' })
  expect(tracker.getConversation('c1').messageCount).toBe(2)
})

test('a second tracker on the same store reads the state the first one wrote', () => {
  const keyStore = createKeyStore({ storage: null })
  const first = createCopilotTracker({ analytics: createMemoryAnalytics(), keyStore })
  first.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
  first.message({ conversationId: 'c1', id: 'm2', role: 'assistant', body: 'Hello' })
  const analytics = createMemoryAnalytics()
  const second = createCopilotTracker({ analytics, keyStore })
  expect(second.getConversation('c1')).toMatchObject({ isStarted: true, messageCount: 2 })
  second.end('c1')
  expect(analytics.calls).toEqual([{ type: 'track', event: 'Conversation Ended', properties: { conversationId: 'c1', message_count: 2 } }])
})

test('a tracker that sees more conversations than its store remembers keeps counting the live ones right', () => {
  const analytics = createMemoryAnalytics()
  const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore({ storage: null, limit: 20 }) })
  for (let c = 0; c < 100; c++) {
    tracker.message({ conversationId: 'c' + c, id: 'm1', role: 'user', body: 'Hi' })
    tracker.message({ conversationId: 'c' + c, id: 'm2', role: 'assistant', body: 'Hello' })
  }
  expect(tracker.getConversation('c99')).toMatchObject({ isStarted: true, messageCount: 2 })
  tracker.message({ conversationId: 'c99', id: 'm3', role: 'user', body: 'Thanks' })
  expect(tracker.getConversation('c99').messageCount).toBe(3)
  analytics.clear()
  tracker.end('c99')
  expect(analytics.calls).toEqual([{ type: 'track', event: 'Conversation Ended', properties: { conversationId: 'c99', message_count: 3 } }])
})
