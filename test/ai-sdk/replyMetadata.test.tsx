import { StrictMode } from 'react'
import { cleanup, render } from '@testing-library/react'
import { afterEach, expect, test } from 'vitest'
import { useChat, type UseChatHelpers } from '@ai-sdk/react'
import type { UIMessage } from 'ai'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useChatTracking } from '../../src/entries/ai-sdk'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { mockTransport, sendAndWait, textReply } from './mockTransport'

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
})

test('useChatTracking sends the reply metadata the server attached with messageMetadata (start and finish merged), known fields only', async () => {
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  const transport = mockTransport([
    [
      { type: 'start', messageId: 'a1', messageMetadata: { model: 'gpt-5.1', provider: 'openai', createdAt: 123 } },
      ...textReply('t', 'Hel', 'lo'),
      { type: 'finish', messageMetadata: { input_tokens: 10, output_tokens: 2, total_tokens: 12, finish_reason: 'stop', trace_id: 'tr-9' } },
    ],
    [{ type: 'start', messageId: 'a2' }, ...textReply('t', 'Bye'), { type: 'finish' }],
  ])
  const current: { chat?: UseChatHelpers<UIMessage> } = {}
  function Chat() {
    const chat = useChat({ transport })
    current.chat = chat
    useChatTracking(chat)
    return null
  }
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" onError={(e) => errors.push(e.code)}>
        <Chat />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  await sendAndWait(() => current.chat!, 'Hi')
  await sendAndWait(() => current.chat!, 'Thanks')
  const received = analytics.calls.filter((call) => call.type === 'track' && call.event === 'Message Received')
  expect(received).toHaveLength(2)
  expect(received[0]).toMatchObject({
    properties: { messageId: 'a1', message_body: 'Hello', model: 'gpt-5.1', provider: 'openai', input_tokens: 10, output_tokens: 2, total_tokens: 12, finish_reason: 'stop', trace_id: 'tr-9' },
  })
  expect(received[0]).not.toHaveProperty('properties.createdAt')
  // No metadata, no metadata properties: never guessed.
  expect(Object.keys((received[1] as { properties: object }).properties).sort()).toEqual(
    ['conversationId', 'messageId', 'message_body', 'role', 'reply_status', 'time_to_first_token_ms', 'response_time_ms'].sort(),
  )
  expect(errors).toEqual([])
})
