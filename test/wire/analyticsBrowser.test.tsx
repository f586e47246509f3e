import { StrictMode } from 'react'
import { act, render, waitFor } from '@testing-library/react'
import { AnalyticsBrowser } from '@segment/analytics-next'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { CopilotAnalyticsProvider, TrackedComponent, TrackedMessage, useActionTracking, useConversation, useCopilotAnalytics, useFeedback, useMediaTracking } from '../../src/entries'

// The real Segment client, with only the network replaced: what would go over the wire.
const host = '127.0.0.1:9/v1'
function loadSegment() {
  return AnalyticsBrowser.load(
    {
      writeKey: 'test-key',
      cdnSettings: { integrations: { 'Segment.io': { apiKey: 'test-key', apiHost: host, protocol: 'http' } }, metrics: { sampleRate: 0 } } as any, // narrower than its declared type (TOOLCHAIN.md)
    },
    { integrations: { 'Segment.io': { apiHost: host, protocol: 'http' } }, disableClientPersistence: true },
  )
}

interface Sent {
  url: string
  body: Record<string, any>
}

/** Replaces the network: every request the client makes is recorded and answered 200. */
function recordRequests(): Sent[] {
  const sent: Sent[] = []
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      sent.push({ url: String(url), body: JSON.parse(String(init.body)) })
      return new Response('{}', { status: 200 })
    }),
  )
  return sent
}

afterEach(() => {
  vi.unstubAllGlobals()
})

describe('the real @segment/analytics-next client', () => {
  test('every event reaches the wire with the spec properties, and the chat message id is never Segment\'s messageId', async () => {
    const sent = recordRequests()
    const analytics = loadSegment()
    let api!: {
      actions: ReturnType<typeof useActionTracking>
      media: ReturnType<typeof useMediaTracking>
      feedback: ReturnType<typeof useFeedback>
      custom: ReturnType<typeof useCopilotAnalytics>
      conversation: ReturnType<typeof useConversation>
    }
    function Chat() {
      api = { actions: useActionTracking(), media: useMediaTracking(), feedback: useFeedback('msg124'), custom: useCopilotAnalytics(), conversation: useConversation() }
      return (
        <>
          <TrackedMessage id="msg123" role="user" body="What's the best stock in the Nasdaq right now?" />
          <TrackedMessage id="msg124" role="assistant" body="Thank you for reaching out. How can I assist you today?">
            <TrackedComponent type="Stock Price Chart" messageId="msg124" />
          </TrackedMessage>
        </>
      )
    }
    render(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={analytics} conversationId="1238041hdou" userId="123" properties={{ assistantId: 'support-bot' }}>
          <Chat />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    act(() => {
      api.actions.track({ type: 'Inventory Request', action: 'check stock level', messageId: 'msg124' })
      api.media.track({ type: 'image', subType: 'gif', messageId: 'msg124' })
      api.feedback.submit(5)
      api.custom.track('Item Purchased', { itemId: 'item101112', itemPrice: 19.99, currency: 'USD' }, { messageId: 'msg124' })
      api.conversation.end()
    })
    await waitFor(() => expect(sent).toHaveLength(10), { timeout: 5000 })

    expect(sent.map((s) => s.url)).toEqual([`http://${host}/i`, ...Array(9).fill(`http://${host}/t`)])
    const common = { conversationId: '1238041hdou', assistantId: 'support-bot' }
    expect(sent.map(({ body }) => [body.type, body.event, body.properties ?? body.traits])).toEqual([
      ['identify', undefined, {}],
      ['track', 'Conversation Started', common],
      ['track', 'Message Sent', { ...common, messageId: 'msg123', message_body: "What's the best stock in the Nasdaq right now?", role: 'customer' }],
      ['track', 'Message Received', { ...common, messageId: 'msg124', message_body: 'Thank you for reaching out. How can I assist you today?', role: 'agent' }],
      ['track', 'Component Loaded', { ...common, messageId: 'msg124', type: 'Stock Price Chart' }],
      ['track', 'Action Invoked', { ...common, messageId: 'msg124', type: 'Inventory Request', action: 'check stock level', role: 'customer' }],
      ['track', 'Media Generated', { ...common, messageId: 'msg124', type: 'image', sub_type: 'gif', role: 'agent' }],
      ['track', 'Feedback Submitted', { ...common, messageId: 'msg124', rating: 5 }],
      ['track', 'Item Purchased', { ...common, messageId: 'msg124', itemId: 'item101112', itemPrice: 19.99, currency: 'USD' }],
      ['track', 'Conversation Ended', { ...common, message_count: 2 }],
    ])
    const segmentMessageIds = new Set<string>()
    for (const { body } of sent) {
      expect(body.userId).toBe('123')
      expect(typeof body.anonymousId).toBe('string')
      expect(body.messageId).toMatch(/^ajs-next-/)
      expect(body.messageId).not.toBe(body.properties?.messageId)
      expect(new Date(body.timestamp).getTime()).not.toBeNaN()
      expect(body.writeKey).toBe('test-key')
      segmentMessageIds.add(body.messageId)
    }
    expect(segmentMessageIds.size).toBe(sent.length)
  })

  test('an anonymous visitor is identified by the anonymousId the app gives', async () => {
    const sent = recordRequests()
    render(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={loadSegment()} conversationId="c-anon" anonymousId="768923ihuy32" traits={{ plan: 'free' }}>
          <TrackedMessage id="m1" role="user" body="hi" />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    await waitFor(() => expect(sent).toHaveLength(3), { timeout: 5000 })
    expect(sent[0].body).toMatchObject({ type: 'identify', anonymousId: '768923ihuy32', traits: { plan: 'free' } })
    expect(sent[0].body.userId ?? null).toBeNull()
  })
})
