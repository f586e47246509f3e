import { describe, expect, test } from 'vitest'
import { segmentLiveChat } from '../../src/entries/core'
import { checkConformance } from '../../src/entries/testing'
import { seedTracker } from './seedTracker'

// The examples of segment-live-chat-spec.txt. The seed reuses one message id (beaffc193618cbe) for three
// different messages; exactly-once needs one id per message, so the later ones get their own ids.
const conversationId = 'abd627dbecffc'
const agent = { id: 'bce89acdd11901', name: 'Peter Gibbons', username: 'pgibbons' }
const agentFields = { agent_id: 'bce89acdd11901', agent_name: 'Peter Gibbons', agent_username: 'pgibbons' }

describe('segmentLiveChat', () => {
  test('sends the four Live Chat events with the seed example values and durations in whole seconds', () => {
    const { analytics, tracker, at, errors } = seedTracker(segmentLiveChat, { userId: '019mr8mf4r' })
    tracker.message({ conversationId, id: 'beaffc193618cbe', role: 'user', body: 'But my stapler...', agent })
    at(45.9) // whole seconds since the start: 45, not 46
    tracker.message({ conversationId, id: 'beaffc193618cbf', role: 'user', body: 'But then they switched from the Swingline to the Boston stapler!', agent })
    at(98)
    tracker.message({ conversationId, id: 'beaffc193618cc0', role: 'agent', body: 'Yeah, uh huh, okay, Milton', agent })
    at(203)
    tracker.end(conversationId)

    expect(errors).toEqual([])
    expect(analytics.calls).toEqual([
      { type: 'identify', userId: '019mr8mf4r', traits: {} },
      {
        type: 'track',
        event: 'Live Chat Conversation Started',
        properties: { ...agentFields, conversation_duration: 0, conversation_id: conversationId, message_body: 'But my stapler...', message_id: 'beaffc193618cbe' },
      },
      {
        type: 'track',
        event: 'Live Chat Message Sent',
        properties: { ...agentFields, conversation_duration: 0, conversation_id: conversationId, message_body: 'But my stapler...', message_id: 'beaffc193618cbe' },
      },
      {
        type: 'track',
        event: 'Live Chat Message Sent',
        properties: {
          ...agentFields,
          conversation_duration: 45,
          conversation_id: conversationId,
          message_body: 'But then they switched from the Swingline to the Boston stapler!',
          message_id: 'beaffc193618cbf',
        },
      },
      {
        type: 'track',
        event: 'Live Chat Message Received',
        properties: { ...agentFields, conversation_duration: 98, conversation_id: conversationId, message_body: 'Yeah, uh huh, okay, Milton', message_id: 'beaffc193618cc0' },
      },
      { type: 'track', event: 'Live Chat Conversation Ended', properties: { conversation_duration: 203, conversation_id: conversationId } },
    ])
    expect(checkConformance(analytics.calls, segmentLiveChat)).toEqual([])
  })

  test('agent fields appear only where the message names them, and only the known ones', () => {
    const { analytics, tracker } = seedTracker(segmentLiveChat)
    tracker.message({ conversationId, id: 'm1', role: 'user', body: 'Hi' })
    tracker.message({ conversationId, id: 'm2', role: 'human_agent', body: 'Hello', agent: { name: 'Peter Gibbons' } })
    expect(analytics.calls.map((call) => call.type === 'track' && Object.keys(call.properties).filter((key) => key.startsWith('agent_')))).toEqual([
      [],
      [],
      ['agent_name'],
    ])
  })

  test('a reply before the conversation started (a greeting) has no duration; start() sends Started without a message', () => {
    const { analytics, tracker, at } = seedTracker(segmentLiveChat)
    tracker.message({ conversationId, id: 'hello', role: 'assistant', body: 'How can I help?' })
    at(2)
    tracker.start(conversationId)
    expect(analytics.calls).toEqual([
      { type: 'track', event: 'Live Chat Message Received', properties: { conversation_id: conversationId, message_body: 'How can I help?', message_id: 'hello' } },
      { type: 'track', event: 'Live Chat Conversation Started', properties: { conversation_duration: 0, conversation_id: conversationId } },
    ])
  })

  test('events this vocabulary has no name for are not sent; your own track and conversion calls are', () => {
    const { analytics, tracker } = seedTracker(segmentLiveChat)
    tracker.action({ conversationId, type: 'Inventory Request', action: 'check stock level' })
    tracker.startAction({ conversationId, type: 'Inventory Request', action: 'lookup' }).complete()
    tracker.media({ conversationId, type: 'image', subType: 'gif' })
    tracker.component({ conversationId, type: 'Stock Price Chart' })
    tracker.feedback({ conversationId, rating: 5 })
    expect(analytics.calls).toEqual([])
    tracker.track(conversationId, 'Ticket Escalated', { queue: 'billing' }, { messageId: 'm1' })
    tracker.conversion(conversationId, 'Plan Upgraded', { plan: 'pro' })
    expect(analytics.calls).toEqual([
      { type: 'track', event: 'Ticket Escalated', properties: { queue: 'billing', conversation_id: conversationId, message_id: 'm1' } },
      { type: 'track', event: 'Plan Upgraded', properties: { plan: 'pro', conversation_id: conversationId } },
    ])
  })
})
