import { StrictMode, useState } from 'react'
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, expect, test } from 'vitest'
import { Chat, useChat } from '@ai-sdk/react'
import type { UIMessage } from 'ai'
import { CopilotAnalyticsProvider } from '../../src/entries'
import { useChatTracking } from '../../src/entries/ai-sdk'
import { createMemoryAnalytics, type MemoryCall } from '../../src/entries/testing'
import { gate, mockTransport, textReply } from './mockTransport'

// Two views of one chat at once (a side panel and a pop-out, both calling useChatTracking): a
// reply is sent once whichever view sees it end, including when the view that saw it start is closed first.

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
})

const tracks = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties.messageId ?? null, call.properties.message_body ?? null] as const] : []))
const settle = (ms = 30) => act(() => new Promise((resolve) => setTimeout(resolve, ms)))

function setup() {
  const analytics = createMemoryAnalytics()
  const finish = gate()
  const chat = new Chat<UIMessage>({ transport: mockTransport([[{ type: 'start', messageId: 'a1' }, ...textReply('t', 'Looking'), { wait: finish.wait }, ...textReply('t2', ' done'), { type: 'finish' }]]) })
  function View({ name }: { name: string }) {
    const helpers = useChat({ chat })
    useChatTracking(helpers)
    return <p>{name + ': ' + helpers.messages.map((m) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')).join(' | ') + ' / ' + helpers.status}</p>
  }
  const shown = { main: true, popout: false }
  let set!: (next: typeof shown) => void
  function Page() {
    const [views, setViews] = useState(shown)
    set = setViews
    return (
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1">
        {views.main && <View name="main" />}
        {views.popout && <View name="popout" />}
      </CopilotAnalyticsProvider>
    )
  }
  render(
    <StrictMode>
      <Page />
    </StrictMode>,
  )
  return { analytics, chat, finish, show: (next: typeof shown) => act(() => set(next)) }
}

const expected = [
  ['Conversation Started', null, null],
  ['Message Sent', expect.any(String), 'Hi'],
  ['Message Received', 'a1', 'Looking\n done'],
]

test('a second view opened mid-reply, then the first one closed before the reply ends: the reply once', async () => {
  const { analytics, chat, finish, show } = setup()
  act(() => void chat.sendMessage({ text: 'Hi' }))
  await screen.findByText(/main: .*Looking/)
  show({ main: true, popout: true })
  await screen.findByText(/popout: .*Looking/)
  show({ main: false, popout: true })
  await settle()
  finish.open()
  await screen.findByText(/popout: .* \/ ready/)
  await settle()
  expect(tracks(analytics.calls)).toEqual(expected)
})

test('both views open until the reply ends: the reply once', async () => {
  const { analytics, chat, finish, show } = setup()
  act(() => void chat.sendMessage({ text: 'Hi' }))
  await screen.findByText(/main: .*Looking/)
  show({ main: true, popout: true })
  finish.open()
  await screen.findByText(/popout: .* \/ ready/)
  await settle()
  expect(tracks(analytics.calls)).toEqual(expected)
})

test('the second view closed mid-reply, the first sees the end: the reply once', async () => {
  const { analytics, chat, finish, show } = setup()
  act(() => void chat.sendMessage({ text: 'Hi' }))
  await screen.findByText(/main: .*Looking/)
  show({ main: true, popout: true })
  await screen.findByText(/popout: .*Looking/)
  show({ main: true, popout: false })
  finish.open()
  await screen.findByText(/main: .* \/ ready/)
  await settle()
  expect(tracks(analytics.calls)).toEqual(expected)
})

test('a reply held for a tool result when a second view opens, the first view closed, then the result comes: the reply once', async () => {
  const analytics = createMemoryAnalytics()
  const chat = new Chat<UIMessage>({
    transport: mockTransport([
      [{ type: 'start', messageId: 'a1' }, { type: 'start-step' }, { type: 'tool-input-available', toolCallId: 'c1', toolName: 'confirm', input: {} }, { type: 'finish' }],
    ]),
  })
  function View({ name }: { name: string }) {
    const helpers = useChat({ chat })
    useChatTracking(helpers)
    return <p>{name + ': ' + helpers.messages.length + ' / ' + helpers.status}</p>
  }
  let set!: (next: { main: boolean; popout: boolean }) => void
  function Page() {
    const [views, setViews] = useState({ main: true, popout: false })
    set = setViews
    return (
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1">
        {views.main && <View name="main" />}
        {views.popout && <View name="popout" />}
      </CopilotAnalyticsProvider>
    )
  }
  render(
    <StrictMode>
      <Page />
    </StrictMode>,
  )
  act(() => void chat.sendMessage({ text: 'Book it' }))
  await screen.findByText('main: 2 / ready')
  await settle()
  expect(tracks(analytics.calls).map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent']) // held: waiting for the tool
  act(() => set({ main: true, popout: true }))
  await screen.findByText('popout: 2 / ready')
  act(() => set({ main: false, popout: true }))
  await settle()
  await act(async () => void chat.addToolOutput({ tool: 'confirm', toolCallId: 'c1', output: 'yes' } as never))
  await settle(60)
  act(() => set({ main: false, popout: false }))
  await settle()
  expect(analytics.calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties.messageId ?? null, call.properties.reply_status ?? call.properties.action ?? null]] : []))).toEqual([
    ['Conversation Started', null, null],
    ['Message Sent', expect.any(String), null],
    // No answer followed the tool result before the page closed: 'aborted', as with one view
    // ("a held reply is sent when the chat unmounts for real" in useChatTracking.test.tsx).
    ['Message Received', 'a1', 'aborted'],
    ['Action Invoked', 'a1', 'completed'],
  ])
})
