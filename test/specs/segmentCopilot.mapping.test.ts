import { describe, expect, test } from 'vitest'
import { segmentCopilot, type CopilotEvent } from '../../src/entries/core'

const base = { conversationId: '1238041hdou', timestamp: 0, properties: {} }

// The seed's own example values (shared/seeds/segment-ai-copilot-spec.txt), event by event.
describe('segmentCopilot maps canonical events to the seed spec', () => {
  test.each<[CopilotEvent, string, Record<string, unknown>]>([
    [{ ...base, type: 'conversation_started' }, 'Conversation Started', { conversationId: '1238041hdou' }],
    [
      { ...base, type: 'message_sent', messageId: 'msg123', body: "What's the best stock in the Nasdaq right now?", role: 'customer' },
      'Message Sent',
      { conversationId: '1238041hdou', messageId: 'msg123', message_body: "What's the best stock in the Nasdaq right now?", role: 'customer' },
    ],
    [
      { ...base, type: 'message_received', messageId: 'msg124', body: 'Thank you for reaching out. How can I assist you today?', role: 'agent' },
      'Message Received',
      { conversationId: '1238041hdou', messageId: 'msg124', message_body: 'Thank you for reaching out. How can I assist you today?', role: 'agent' },
    ],
    [{ ...base, type: 'conversation_ended', messageCount: 4, durationMs: 1 }, 'Conversation Ended', { conversationId: '1238041hdou', message_count: 4 }],
    [
      { ...base, type: 'action_started', messageId: 'msg125', actionType: 'Inventory Request', action: 'check stock level', role: 'customer' },
      'Action Invoked',
      { conversationId: '1238041hdou', messageId: 'msg125', type: 'Inventory Request', action: 'check stock level', role: 'customer' },
    ],
    [
      { ...base, type: 'media_generated', messageId: 'msg126', mediaType: 'image', subType: 'gif', role: 'agent' },
      'Media Generated',
      { conversationId: '1238041hdou', messageId: 'msg126', role: 'agent', type: 'image', sub_type: 'gif' },
    ],
    [
      { ...base, type: 'component_loaded', messageId: 'msg127', componentType: 'Stock Price Chart' },
      'Component Loaded',
      { conversationId: '1238041hdou', messageId: 'msg127', type: 'Stock Price Chart' },
    ],
    [{ ...base, type: 'feedback_submitted', messageId: 'msg128', rating: 5 }, 'Feedback Submitted', { conversationId: '1238041hdou', messageId: 'msg128', rating: 5 }],
    [{ ...base, type: 'feedback_submitted', rating: 0 }, 'Feedback Submitted', { conversationId: '1238041hdou', rating: 0 }],
    [
      { ...base, type: 'custom', event: 'Item Purchased', messageId: 'msg789', properties: { itemId: 'item101112', itemName: 'Super Widget', itemPrice: 19.99, currency: 'USD' } },
      'Item Purchased',
      { conversationId: '1238041hdou', messageId: 'msg789', itemId: 'item101112', itemName: 'Super Widget', itemPrice: 19.99, currency: 'USD' },
    ],
  ])('%#: %s', (event, name, properties) => {
    expect(segmentCopilot.map(event)).toEqual([{ type: 'track', event: name, properties }])
  })

  test('the spec fields win over caller properties of the same name; other caller properties survive', () => {
    const [call] = segmentCopilot.map({ ...base, type: 'feedback_submitted', rating: 4, messageId: 'm', properties: { rating: 'spoof', role: 'kept', comment: 'great' } })
    expect(call).toEqual({ type: 'track', event: 'Feedback Submitted', properties: { conversationId: '1238041hdou', messageId: 'm', rating: 4, role: 'kept', comment: 'great' } })
  })

  test('Identify and the action lifecycle end', () => {
    expect(segmentCopilot.map({ type: 'identify', userId: '123', traits: { plan: 'pro' }, timestamp: 0 })).toEqual([
      { type: 'identify', userId: '123', anonymousId: undefined, traits: { plan: 'pro' } },
    ])
    expect(segmentCopilot.map({ ...base, type: 'action_completed', actionType: 'x', action: 'y', role: 'customer' })).toEqual([])
  })
})
