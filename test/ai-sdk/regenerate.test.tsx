import { StrictMode } from 'react'
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, test } from 'vitest'
import { useChat, type UseChatHelpers } from '@ai-sdk/react'
import type { UIMessage } from 'ai'
import { CopilotAnalyticsProvider, useMessageActions } from '../../src/entries'
import { useChatTracking } from '../../src/entries/ai-sdk'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { gate, mockTransport, sendAndWait, textReply, type Step } from './mockTransport'

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
})

const answer = (id: string, text: string): Step[] => [{ type: 'start', messageId: id }, ...textReply('t', text), { type: 'finish' }]

/** regenerate(), rendering each step as an app does (see sendAndWait: React 18 batches a whole act()). */
async function regenerateAndWait(chat: () => UseChatHelpers<UIMessage>) {
  act(() => void chat().regenerate())
  await waitFor(() => expect(chat().status).toBe('ready'))
}

/** A chat under StrictMode whose last reply has a Retry button wired as the docs show (the hook and the SDK). */
function setup(replies: Step[][], { messages }: { messages?: UIMessage[] } = {}) {
  const analytics = createMemoryAnalytics()
  const current: { chat?: UseChatHelpers<UIMessage> } = {}
  const transport = mockTransport(replies)
  function Retry({ id }: { id: string }) {
    const actions = useMessageActions(id)
    return (
      <button
        onClick={() => {
          actions.regenerate()
          void current.chat!.regenerate()
        }}
      >
        retry {id}
      </button>
    )
  }
  function Chat() {
    const chat = useChat({ transport, messages })
    current.chat = chat
    useChatTracking(chat)
    const last = chat.messages.at(-1)
    return (
      <>
        <p>status: {chat.status}</p>
        {last?.role === 'assistant' && <Retry id={last.id} />}
      </>
    )
  }
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1">
        <Chat />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  const chat = () => current.chat!
  const tracks = () => analytics.calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties.messageId] as const] : []))
  return { analytics, chat, tracks }
}

test('regenerate() of a finished reply: Reply Regenerated once, naming the reply replaced, between the two replies', async () => {
  const { chat, tracks } = setup([answer('a1', 'First.'), answer('a2', 'Second.')])
  await sendAndWait(chat, 'Hi')
  await regenerateAndWait(chat)
  await waitFor(() => expect(tracks().at(-1)).toEqual(['Message Received', 'a2']))
  expect(tracks().slice(2)).toEqual([
    ['Message Received', 'a1'],
    ['Reply Regenerated', 'a1'],
    ['Message Received', 'a2'],
  ])
})

test('the app\'s own Retry button (useMessageActions) and the adapter count one regenerate, not two', async () => {
  const { chat, tracks } = setup([answer('a1', 'First.'), answer('a2', 'Second.')])
  await sendAndWait(chat, 'Hi')
  fireEvent.click(await screen.findByText('retry a1'))
  await waitFor(() => expect(tracks().at(-1)).toEqual(['Message Received', 'a2']))
  expect(tracks().filter(([event]) => event === 'Reply Regenerated')).toEqual([['Reply Regenerated', 'a1']])
})

test('a restored chat: regenerating its last reply (history) is a regenerate too', async () => {
  const saved: UIMessage[] = [
    { id: 'h1', role: 'user', parts: [{ type: 'text', text: 'Old question' }] },
    { id: 'h2', role: 'assistant', parts: [{ type: 'text', text: 'Old answer', state: 'done' }] },
  ]
  const { chat, tracks } = setup([answer('a2', 'New answer.')], { messages: saved })
  await regenerateAndWait(chat)
  await waitFor(() => expect(tracks().at(-1)).toEqual(['Message Received', 'a2']))
  expect(tracks()).toEqual([
    ['Reply Regenerated', 'h2'],
    ['Message Received', 'a2'],
  ])
})

test('no regenerate for a new question, a stop, an edit of the question, or an id replaced while streaming', async () => {
  const hold = gate()
  const { chat, tracks } = setup([
    answer('a1', 'First.'),
    [{ type: 'start', messageId: 'a2' }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Once' }, { wait: hold.wait }, { type: 'text-end', id: 't' }, { type: 'finish' }],
    answer('a3', 'Edited answer.'),
    [...textReply('t', 'Hel', 'lo'), { type: 'start', messageId: 'server-4' }, { type: 'finish' }],
  ])
  await sendAndWait(chat, 'Hi')
  act(() => void chat().sendMessage({ text: 'Tell a story' }))
  await screen.findByText('status: streaming')
  await act(() => chat().stop())
  await screen.findByText('status: ready')
  const question = chat().messages.at(-2)!
  await act(() => chat().sendMessage({ text: 'Tell a short story', messageId: question.id }))
  await screen.findByText('status: ready')
  await sendAndWait(chat, 'Again')
  await act(() => new Promise((resolve) => setTimeout(resolve, 300)))
  expect(tracks().map(([event]) => event)).not.toContain('Reply Regenerated')
  expect(tracks().filter(([event]) => event === 'Message Received').map(([, id]) => id)).toEqual(['a1', 'a2', 'a3', 'server-4'])
})
