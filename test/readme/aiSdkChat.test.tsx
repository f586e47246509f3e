import { StrictMode } from 'react'
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import type { UIMessage, UIMessageChunk } from 'ai'
import { afterEach, expect, test, vi } from 'vitest'

// docs/frameworks.md shows AiSdkChat.example.tsx word for word (test/readme/docExamples.test.ts checks
// it); here it runs on the real useChat, its default transport answered by a stubbed fetch.
const recorder = vi.hoisted(() => {
  const calls: Array<{ type: string; event?: string; properties?: Record<string, unknown> }> = []
  return {
    calls,
    track: (event: string, properties: Record<string, unknown>) => void calls.push({ type: 'track', event, properties: { ...properties } }),
    identify: () => void calls.push({ type: 'identify' }),
  }
})
vi.mock('@segment/analytics-next', () => ({ AnalyticsBrowser: { load: () => recorder } }))

let replies = 0
/** The server's answer: a UI message stream, as `toUIMessageStreamResponse()` sends it. */
function answer(text: string) {
  const id = `reply_${++replies}`
  const chunks: UIMessageChunk[] = [
    { type: 'start', messageId: id },
    { type: 'start-step' },
    { type: 'text-start', id: 't' },
    ...text.split(/(?<= )/).map((delta): UIMessageChunk => ({ type: 'text-delta', id: 't', delta })),
    { type: 'text-end', id: 't' },
    { type: 'finish-step' },
    { type: 'finish' },
  ]
  const body = chunks.map((chunk) => `data: ${JSON.stringify(chunk)}\n\n`).join('') + 'data: [DONE]\n\n'
  return new Response(body, { headers: { 'Content-Type': 'text/event-stream', 'x-vercel-ai-ui-message-stream': 'v1' } })
}

afterEach(() => vi.unstubAllGlobals())

const events = () => recorder.calls.map((call) => call.event)

test('the AI SDK example: one id for useChat and the provider, so a reload continues the conversation', async () => {
  vi.stubGlobal('fetch', vi.fn(async () => answer('It ships tomorrow.')))
  const first = await import('./AiSdkChat.example')
  const page = render(
    <StrictMode>
      <first.ChatPage chatId="chat_7" savedMessages={[]} />
    </StrictMode>,
  )
  fireEvent.click(screen.getByText('Send'))
  await waitFor(() => expect(events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received']))
  const sent = recorder.calls[1].properties!
  expect(recorder.calls[2].properties).toMatchObject({ conversationId: 'chat_7', messageId: 'reply_1', message_body: 'It ships tomorrow.' })
  await act(() => new Promise((resolve) => setTimeout(resolve, 10))) // the key store writes sessionStorage once per tick
  page.unmount()

  // The reload: the page evaluates the package again (nothing kept in memory), and the chat opens
  // with its saved messages under the same id.
  vi.resetModules()
  const reloaded = await import('./AiSdkChat.example')
  const saved: UIMessage[] = [
    { id: String(sent.messageId), role: 'user', parts: [{ type: 'text', text: 'Hello' }] },
    { id: 'reply_1', role: 'assistant', parts: [{ type: 'text', text: 'It ships tomorrow.' }] },
  ]
  recorder.calls.length = 0
  render(
    <StrictMode>
      <reloaded.ChatPage chatId="chat_7" savedMessages={saved} />
    </StrictMode>,
  )
  expect(screen.getByText('It ships tomorrow.')).toBeTruthy()
  expect(events()).toEqual([]) // the saved messages are history
  fireEvent.click(screen.getByText('Send'))
  // No second Conversation Started: the same conversation goes on.
  await waitFor(() => expect(events()).toEqual(['Message Sent', 'Message Received']))
  for (const call of recorder.calls) expect(call.properties!.conversationId).toBe('chat_7')
})
