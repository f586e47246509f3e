import { expect, test } from 'vitest'
import { createCopilotTracker, createKeyStore, MESSAGE_ACTION_EVENTS, type CopilotAnalyticsError } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'

test('tracker.messageAction: each copy and edit is an event, a reply is regenerated once; no message id, nothing sent', () => {
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const keyStore = createKeyStore()
  const tracker = createCopilotTracker({ analytics, keyStore, onError: (e) => errors.push(e) })
  const c = 'c1'
  tracker.messageAction({ conversationId: c, action: 'copy', messageId: 'a1' })
  tracker.messageAction({ conversationId: c, action: 'copy', messageId: 'a1', properties: { selection: true } })
  tracker.messageAction({ conversationId: c, action: 'regenerate', messageId: 'a1' })
  tracker.messageAction({ conversationId: c, action: 'regenerate', messageId: 'a1' })
  tracker.messageAction({ conversationId: c, action: 'regenerate', messageId: 'a2' })
  tracker.messageAction({ conversationId: c, action: 'edit', messageId: 'u1' })
  tracker.messageAction({ conversationId: c, action: 'edit', messageId: 'u1' })
  tracker.messageAction({ conversationId: c, action: 'copy', messageId: '' })
  expect(analytics.calls).toEqual([
    { type: 'track', event: 'Message Copied', properties: { conversationId: c, messageId: 'a1' } },
    { type: 'track', event: 'Message Copied', properties: { conversationId: c, messageId: 'a1', selection: true } },
    { type: 'track', event: 'Reply Regenerated', properties: { conversationId: c, messageId: 'a1' } },
    { type: 'track', event: 'Reply Regenerated', properties: { conversationId: c, messageId: 'a2' } },
    { type: 'track', event: 'Message Edited', properties: { conversationId: c, messageId: 'u1' } },
    { type: 'track', event: 'Message Edited', properties: { conversationId: c, messageId: 'u1' } },
  ])
  expect(errors.map((e) => e.code)).toEqual(['missing_message_id'])
  // Another tracker on the same key store (a remount, a reload of the tab) knows a1 was regenerated.
  const again = createCopilotTracker({ analytics, keyStore })
  again.messageAction({ conversationId: c, action: 'regenerate', messageId: 'a1' })
  expect(analytics.calls).toHaveLength(6)
  expect(MESSAGE_ACTION_EVENTS.regenerate).toBe('Reply Regenerated')
})

test('consent: a regenerate discarded for want of consent claims nothing, so it is sent once consent is given', () => {
  const analytics = createMemoryAnalytics()
  const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore(), consent: false })
  tracker.messageAction({ conversationId: 'c1', action: 'regenerate', messageId: 'a1' })
  tracker.configure({ consent: true })
  tracker.messageAction({ conversationId: 'c1', action: 'regenerate', messageId: 'a1' })
  expect(analytics.events()).toEqual(['Reply Regenerated'])
})
