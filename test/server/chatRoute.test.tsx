import { StrictMode } from 'react'
import { act, cleanup, render, waitFor } from '@testing-library/react'
import { useChat } from '@ai-sdk/react'
import { AnalyticsBrowser } from '@segment/analytics-next'
import { DefaultChatTransport } from 'ai'
import { afterAll, afterEach, beforeAll, describe, expect, test, vi } from 'vitest'
import { createCollector, type Collector } from '../../collector/server.mjs'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useChatTracking } from '../../src/entries/ai-sdk'
import { deterministicMessageIds } from '../../src/entries/dedupe'
import { resetTrackedKeys } from '../../src/entries/testing'

// The documented route handler (test/readme/chatRoute.example.ts) run as written, with the AI SDK's
// mock model, the real @segment/analytics-node and, in the "browser", the real useChat +
// useChatTracking + AnalyticsBrowser: both report the same reply to the local collector, which
// keeps one copy, as Segment does.
const { deps } = vi.hoisted(() => ({ deps: { segment: undefined as unknown, host: '' } }))
vi.mock('../readme/lib', async () => {
  const { MockLanguageModelV3, simulateReadableStream } = await import('ai/test')
  const usage = { inputTokens: { total: 10, noCache: 10, cacheRead: 0, cacheWrite: 0 }, outputTokens: { total: 8, text: 8, reasoning: 0 } }
  const model = new MockLanguageModelV3({
    modelId: 'mock-model-1',
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: [
          { type: 'stream-start' as const, warnings: [] },
          { type: 'text-start' as const, id: 't' },
          { type: 'text-delta' as const, id: 't', delta: 'Yes, ' },
          { type: 'text-delta' as const, id: 't', delta: '12 left.' },
          { type: 'text-end' as const, id: 't' },
          { type: 'finish' as const, finishReason: { unified: 'stop' as const, raw: 'stop' }, usage },
        ],
      }),
    }),
  })
  return {
    model,
    get segment() {
      return deps.segment
    },
    currentUserId: async () => 'u1',
  }
})
const { POST } = await import('../readme/chatRoute.example')

let collector: Collector
beforeAll(async () => {
  collector = createCollector() // a free port: the file runs on React 19 and 18 at once
  await collector.listen()
  deps.host = collector.url
})
afterAll(() => collector.close())
afterEach(() => {
  cleanup()
  resetTrackedKeys()
})

describe('the AI SDK route handler and the browser report the same reply', () => {
  test('the server reports model, tokens and finish reason; with the browser reporting it too, Segment keeps one Message Received', async () => {
    const { Analytics } = await import('@segment/analytics-node')
    const segment = new Analytics({ writeKey: 'server-key', host: collector.url, flushInterval: 20, maxRetries: 0 })
    deps.segment = segment
    const apiHost = collector.url.slice('http://'.length) + '/v1'
    const browser = AnalyticsBrowser.load(
      { writeKey: 'browser-key', cdnSettings: { integrations: { 'Segment.io': { apiKey: 'browser-key', apiHost, protocol: 'http' } } } },
      { integrations: { 'Segment.io': { apiHost, protocol: 'http' } }, disableClientPersistence: true },
    )
    // useChat's requests go to the route handler in-process.
    const transport = new DefaultChatTransport({ api: 'http://localhost/api/chat', fetch: (input, init) => POST(new Request(String(input), init)) })
    let chat!: ReturnType<typeof useChat>
    function Chat() {
      chat = useChat({ id: 'chat-1', transport })
      useChatTracking(chat)
      return null
    }
    render(
      <StrictMode>
        <CopilotAnalyticsProvider analytics={browser} conversationId="chat-1" userId="u1" messageIds={deterministicMessageIds({ namespace: 'acme-support-copilot' })}>
          <Chat />
        </CopilotAnalyticsProvider>
      </StrictMode>,
    )
    // Sent as a click would: React renders each state of the request as it comes (an act() around
    // the whole request would batch it into its final state).
    act(() => void chat.sendMessage({ text: 'Is the blue kettle in stock?' }))
    await waitFor(() => expect(chat.status).toBe('ready'))
    const reply = chat.messages[1]
    expect(reply.id).toMatch(/^msg-/) // the server's id, adopted by the browser

    // Five copies arrive: the browser's Identify, Started, Sent and Received, and the server's Received.
    await waitFor(() => expect(collector.stats().received).toBe(5), { timeout: 10_000 })
    await segment.closeAndFlush() // the route's onFinish has reported: nothing more comes
    await new Promise((resolve) => setTimeout(resolve, 300))
    const received = collector.events.filter((e) => e.event === 'Message Received')
    expect(collector.events.map((e) => e.event ?? e.type)).toEqual(['identify', 'Conversation Started', 'Message Sent', 'Message Received'])
    expect(received).toHaveLength(1)
    expect(received[0].properties).toMatchObject({ conversationId: 'chat-1', messageId: reply.id, message_body: 'Yes, 12 left.', role: 'agent' })
    // Both copies arrived, under one deterministic messageId: the dedupe view shows it twice.
    const [duplicate] = collector.duplicates()
    expect(collector.duplicates()).toEqual([{ messageId: received[0].messageId, times: 2, event: received[0], dropped: [expect.anything()] }])
    expect(received[0].messageId).toMatch(/^rca1-/)
    expect(collector.stats()).toMatchObject({ received: 5, unique: 4, duplicates: 1 })
    // The server's copy, whichever was kept, carried the generation facts.
    const copies = [duplicate.event, ...duplicate.dropped]
    expect(copies.map((e) => e.context.library.name).sort()).toEqual(['@segment/analytics-node', 'analytics.js'])
    const serverCopy = copies.find((e) => e.context.library.name === '@segment/analytics-node')!
    expect(serverCopy).toMatchObject({ userId: 'u1', properties: { model: 'mock-model-1', input_tokens: 10, output_tokens: 8, total_tokens: 18, finish_reason: 'stop', reply_status: 'complete' } })
    expect(collector.requests.some((r) => r.path === '/v1/batch')).toBe(true)
  })
})
