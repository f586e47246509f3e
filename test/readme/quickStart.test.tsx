import { StrictMode, version } from 'react'
import { act, fireEvent, render, screen } from '@testing-library/react'
import { expect, test, vi } from 'vitest'
import { AnalyticsBrowser } from '@segment/analytics-next'
import { CopilotChat, type ChatMessage } from './QuickStart.example'

// The example's module-level AnalyticsBrowser.load() returns this recorder: nothing is loaded or sent.
const recorder = vi.hoisted(() => {
  const calls: unknown[] = []
  return {
    calls,
    track: (event: string, properties: object) => void calls.push({ type: 'track', event, properties: { ...properties } }),
    identify: (userId: string, traits: object) => void calls.push({ type: 'identify', userId, traits: { ...traits } }),
  }
})
vi.mock('@segment/analytics-next', () => ({ AnalyticsBrowser: { load: vi.fn(() => recorder) } }))

// The README shows this file word for word (test/readme/docExamples.test.ts checks it); here it runs.
test('the quick start sends Identify, Started, Sent, Received (once streamed), Feedback and Ended, in order, each once', () => {
  expect(version.split('.')[0]).toBe(process.env.VITEST_REACT_MAJOR)
  expect(AnalyticsBrowser.load).toHaveBeenCalledTimes(1)
  expect(AnalyticsBrowser.load).toHaveBeenCalledWith({ writeKey: 'YOUR_WRITE_KEY' })

  const user: ChatMessage = { id: 'm1', role: 'user', text: 'Where is my order?', done: true }
  const reply = (text: string, done: boolean): ChatMessage => ({ id: 'm2', role: 'assistant', text, done })
  const chat = (messages: ChatMessage[]) => (
    <StrictMode>
      <CopilotChat chatId="chat_7" userId="user_42" messages={messages} />
    </StrictMode>
  )

  const { rerender, unmount } = render(chat([]))
  expect(recorder.calls).toEqual([{ type: 'identify', userId: 'user_42', traits: {} }])

  rerender(chat([user]))
  rerender(chat([user, reply('', false)]))
  rerender(chat([user, reply('It ships', false)]))
  rerender(chat([user, reply('It ships tomorrow.', false)]))
  // Nothing for the reply while it streams, and no thumbs yet.
  expect(recorder.calls.map((call) => (call as { event?: string }).event ?? 'Identify')).toEqual(['Identify', 'Conversation Started', 'Message Sent'])
  expect(screen.queryByText('👍')).toBeNull()

  rerender(chat([user, reply('It ships tomorrow.', true)]))
  rerender(chat([user, reply('It ships tomorrow.', true)])) // a re-render sends nothing more
  fireEvent.click(screen.getByText('👍'))
  fireEvent.click(screen.getByText('👍')) // the same rating twice: sent once
  expect(screen.getByText('👍').getAttribute('aria-pressed')).toBe('true')
  act(() => screen.getByText('End chat (2 messages)').click())
  expect(screen.getByText('End chat (2 messages)')).toHaveProperty('disabled', true)

  const base = { conversationId: 'chat_7', assistantId: 'support-bot' }
  expect(recorder.calls).toEqual([
    { type: 'identify', userId: 'user_42', traits: {} },
    { type: 'track', event: 'Conversation Started', properties: base },
    { type: 'track', event: 'Message Sent', properties: { ...base, messageId: 'm1', message_body: 'Where is my order?', role: 'customer' } },
    {
      type: 'track',
      event: 'Message Received',
      properties: {
        ...base,
        messageId: 'm2',
        message_body: 'It ships tomorrow.',
        role: 'agent',
        time_to_first_token_ms: expect.any(Number),
        response_time_ms: expect.any(Number),
      },
    },
    { type: 'track', event: 'Feedback Submitted', properties: { ...base, messageId: 'm2', rating: 1 } },
    { type: 'track', event: 'Conversation Ended', properties: { ...base, message_count: 2 } },
  ])

  // The chat opened again (another route, a remount) with the same chatId sends nothing more.
  unmount()
  render(chat([user, reply('It ships tomorrow.', true)]))
  expect(recorder.calls).toHaveLength(6)
  expect(screen.getByText('👍').getAttribute('aria-pressed')).toBe('true')
  expect(screen.getByText('End chat (2 messages)')).toHaveProperty('disabled', true)
})
