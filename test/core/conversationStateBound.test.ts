import { expect, test } from 'vitest'
import { createCopilotTracker } from '../../src/entries/core'
import { createKeyStore } from '../../src/core/keyStore'
import { createMemoryAnalytics } from '../../src/core/memoryAnalytics'

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
