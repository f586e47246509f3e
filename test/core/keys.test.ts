import { expect, test } from 'vitest'
import { createCopilotTracker, createKeyStore, type StorageLike } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'

// src/core/keys.ts keeps 0.1.0's key format: a tab that upgrades between two page loads resends
// nothing but one Identify (0.1.0's `i:u:<userId>` marks are no longer read: they were personal).
test('keys written by 0.1.0 are still honoured after an upgrade', () => {
  const written = JSON.stringify([
    'm:c1:m1',
    ['c:c1', { isStarted: true, isEnded: false, messageCount: 1, startedAt: 1 }],
    ['f:c1:m1', 5],
    'a:c1:a1',
    'ac:c1:a1',
    'g:c1:g1',
    'k:c1:m1:Chart',
    'i:u:u1',
  ])
  const storage: StorageLike = { getItem: (k) => (k === 'react-copilot-analytics:v1' ? written : null), setItem: () => {}, removeItem: () => {} }
  const analytics = createMemoryAnalytics()
  const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore({ storage }), userId: 'u1' })
  tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
  tracker.feedback({ conversationId: 'c1', messageId: 'm1', rating: 5 })
  tracker.action({ conversationId: 'c1', type: 'Search', action: 'look up', id: 'a1' })
  tracker.media({ conversationId: 'c1', type: 'image', subType: 'png', id: 'g1' })
  tracker.component({ conversationId: 'c1', type: 'Chart', messageId: 'm1' })
  expect(analytics.calls).toEqual([])
  tracker.message({ conversationId: 'c1', id: 'm2', role: 'user', body: 'Again' })
  expect(analytics.calls.map((c) => (c.type === 'identify' ? 'Identify' : c.event))).toEqual(['Identify', 'Message Sent'])
  expect(tracker.getConversation('c1').messageCount).toBe(2)
})
