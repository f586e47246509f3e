import { describe, expect, test } from 'vitest'
import { segmentCopilot, segmentCopilotLegacy, type CopilotSpec } from '../../src/entries/core'
import { checkConformance } from '../../src/entries/testing'
import { seedTracker } from './seedTracker'

// Every example of segment-ai-copilot-spec.txt, with its values, through the core tracker.
function seedConversation(spec: CopilotSpec) {
  const { analytics, tracker, errors } = seedTracker(spec, { userId: '123' })
  const conversationId = '1238041hdou'
  tracker.message({ conversationId, id: 'msg123', role: 'user', body: "What's the best stock in the Nasdaq right now?" })
  tracker.message({ conversationId, id: 'msg124', role: 'assistant', body: 'Thank you for reaching out. How can I assist you today?' })
  tracker.action({ conversationId, messageId: 'msg125', type: 'Inventory Request', action: 'check stock level' })
  tracker.media({ conversationId, messageId: 'msg126', type: 'image', subType: 'gif' })
  tracker.component({ conversationId, messageId: 'msg127', type: 'Stock Price Chart' })
  tracker.feedback({ conversationId, messageId: 'msg128', rating: 5 })
  tracker.end(conversationId)
  tracker.track('conv456', 'Item Purchased', { itemId: 'item101112', itemName: 'Super Widget', itemPrice: 19.99, currency: 'USD' }, { messageId: 'msg789' })
  expect(errors).toEqual([])
  return analytics.calls
}

describe('segmentCopilot (current edition)', () => {
  test('sends every event of the seed with its example values', () => {
    const calls = seedConversation(segmentCopilot)
    expect(calls).toEqual([
      { type: 'identify', userId: '123', traits: {} },
      { type: 'track', event: 'Conversation Started', properties: { conversationId: '1238041hdou' } },
      {
        type: 'track',
        event: 'Message Sent',
        properties: { conversationId: '1238041hdou', messageId: 'msg123', message_body: "What's the best stock in the Nasdaq right now?", role: 'customer' },
      },
      {
        type: 'track',
        event: 'Message Received',
        properties: { conversationId: '1238041hdou', messageId: 'msg124', message_body: 'Thank you for reaching out. How can I assist you today?', role: 'agent' },
      },
      {
        type: 'track',
        event: 'Action Invoked',
        properties: { conversationId: '1238041hdou', messageId: 'msg125', type: 'Inventory Request', action: 'check stock level', role: 'customer' },
      },
      { type: 'track', event: 'Media Generated', properties: { conversationId: '1238041hdou', messageId: 'msg126', role: 'agent', type: 'image', sub_type: 'gif' } },
      { type: 'track', event: 'Component Loaded', properties: { conversationId: '1238041hdou', messageId: 'msg127', type: 'Stock Price Chart' } },
      { type: 'track', event: 'Feedback Submitted', properties: { conversationId: '1238041hdou', messageId: 'msg128', rating: 5 } },
      { type: 'track', event: 'Conversation Ended', properties: { conversationId: '1238041hdou', message_count: 2 } },
      {
        type: 'track',
        event: 'Item Purchased',
        properties: { conversationId: 'conv456', messageId: 'msg789', itemId: 'item101112', itemName: 'Super Widget', itemPrice: 19.99, currency: 'USD' },
      },
    ])
    expect(checkConformance(calls, segmentCopilot)).toEqual([])
  })

  test('Action Invoked is sent when an action starts, and nothing more when it completes', () => {
    const { analytics, tracker } = seedTracker(segmentCopilot)
    const handle = tracker.startAction({ conversationId: 'c1', type: 'Inventory Request', action: 'check stock level' })
    expect(analytics.events()).toEqual(['Action Invoked'])
    handle.complete({ reason: 'all_steps_done' })
    expect(analytics.events()).toEqual(['Action Invoked'])
  })
})

describe('segmentCopilotLegacy (the earlier edition)', () => {
  test('names Action Invoked "Tool Invoked"; messages and actions carry no role; the rest is the current mapping', () => {
    const legacy = seedConversation(segmentCopilotLegacy)
    const current = seedConversation(segmentCopilot)
    expect(legacy.map((call) => (call.type === 'track' ? call.event : 'Identify'))).toEqual([
      'Identify',
      'Conversation Started',
      'Message Sent',
      'Message Received',
      'Tool Invoked',
      'Media Generated',
      'Component Loaded',
      'Feedback Submitted',
      'Conversation Ended',
      'Item Purchased',
    ])
    expect(legacy[2]).toEqual({
      type: 'track',
      event: 'Message Sent',
      properties: { conversationId: '1238041hdou', messageId: 'msg123', message_body: "What's the best stock in the Nasdaq right now?" },
    })
    expect(legacy[3]).toEqual({
      type: 'track',
      event: 'Message Received',
      properties: { conversationId: '1238041hdou', messageId: 'msg124', message_body: 'Thank you for reaching out. How can I assist you today?' },
    })
    expect(legacy[4]).toEqual({
      type: 'track',
      event: 'Tool Invoked',
      properties: { conversationId: '1238041hdou', messageId: 'msg125', type: 'Inventory Request', action: 'check stock level' },
    })
    // Media keeps its role; every other call is the current edition's, unchanged.
    for (const i of [0, 1, 5, 6, 7, 8, 9]) expect(legacy[i]).toEqual(current[i])
    expect(checkConformance(legacy, segmentCopilotLegacy)).toEqual([])
    // The current edition's schema rejects the role-less messages (Tool Invoked passes there as a
    // standard Track call: it has conversationId).
    expect(checkConformance(legacy, segmentCopilot).map((v) => [v.event, v.errors])).toEqual([
      ['Message Sent', ['properties.role: required, missing']],
      ['Message Received', ['properties.role: required, missing']],
    ])
  })

  test('a role the caller passes as an extra property is kept', () => {
    const { analytics, tracker } = seedTracker(segmentCopilotLegacy)
    tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi', properties: { role: 'admin' } })
    expect(analytics.calls[1]).toMatchObject({ event: 'Message Sent', properties: { role: 'admin' } })
  })
})
