import { StrictMode, Suspense, lazy, startTransition, useState, type ReactNode } from 'react'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { Chat, useChat, type UseChatHelpers } from '@ai-sdk/react'
import type { UIMessage } from 'ai'
import { CopilotAnalyticsProvider, useConversation, type Consent } from '../../src/entries'
import { useChatTracking } from '../../src/entries/ai-sdk'
import { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../../src/entries/testing'
import { gate, mockTransport, sendAndWait, textReply, type Step } from './mockTransport'
import { renderOnServerThenHydrate } from '../serverThenHydrate'

// The adapter in the states no other test puts it in: consent pending then decided, server rendering
// then hydration, two providers on one page, and Suspense / transitions around the chat view.

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
  vi.restoreAllMocks()
})

const rows = (calls: MemoryCall[]) => calls.map((call) => (call.type === 'track' ? call.event : 'Identify'))
const tracks = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties] as const] : []))
const settle = (ms = 30) => act(() => new Promise((resolve) => setTimeout(resolve, ms)))

/** A reply with a tool step, then text: Message Received, then Action Invoked. */
const toolReply = (messageId: string, text: string): Step[] => [
  { type: 'start', messageId },
  { type: 'start-step' },
  { type: 'tool-input-available', toolCallId: messageId + '-call', toolName: 'weather', input: { city: 'Oslo' } },
  { type: 'tool-output-available', toolCallId: messageId + '-call', output: { temperature: 21 } },
  { type: 'finish-step' },
  { type: 'start-step' },
  ...textReply('t', text),
  { type: 'finish-step' },
  { type: 'finish' },
]

const history: UIMessage[] = [
  { id: 'h1', role: 'user', parts: [{ type: 'text', text: 'Old question' }] },
  { id: 'h2', role: 'assistant', parts: [{ type: 'text', text: 'Old answer', state: 'done' }] },
]

type Current = { chat?: UseChatHelpers<UIMessage> }

function ChatView({ transport, current, id, messages, label = '' }: { transport: ReturnType<typeof mockTransport>; current: Current; id?: string; messages?: UIMessage[]; label?: string }) {
  const chat = useChat({ transport, id, messages })
  current.chat = chat
  useChatTracking(chat)
  const { messageCount } = useConversation()
  return (
    <ul>
      {chat.messages.map((m) => (
        <li key={m.id}>
          {label}
          {m.role}: {m.parts.map((p) => (p.type === 'text' ? p.text : '[' + p.type + ']')).join(' ')}
        </li>
      ))}
      <li>
        {label}status: {chat.status}
      </li>
      <li>
        {label}count: {messageCount}
      </li>
    </ul>
  )
}

function consentApp(replies: Step[][], consent: Consent) {
  const analytics = createMemoryAnalytics()
  const transport = mockTransport(replies)
  const current: Current = {}
  const errors: string[] = []
  const ui = (value: Consent) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId="u1" consent={value} onError={(error) => errors.push(error.code)}>
        <ChatView transport={transport} current={current} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(ui(consent))
  return { analytics, errors, chat: () => current.chat!, decide: (value: Consent) => view.rerender(ui(value)) }
}

const EXCHANGE = ['Identify', 'Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked']

test.each([
  ['null', null],
  ['a function whose promise is pending', 'function'],
] as const)('consent %s, then granted: a whole exchange (question, streamed reply with a tool call) goes out once, in order, at the grant', async (_, kind) => {
  let grant!: (value: boolean) => void
  const pending = () => new Promise<boolean>((resolve) => (grant = resolve))
  const { analytics, errors, chat, decide } = consentApp([toolReply('a1', 'It is 21°C.')], kind === 'function' ? pending : null)
  await sendAndWait(chat, 'Weather in Oslo?')
  await settle()
  expect(analytics.calls).toEqual([])
  if (kind === 'function') await act(async () => grant(true))
  else decide(true)
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  const [, sent, received, action] = tracks(analytics.calls)
  expect(sent[1]).toMatchObject({ conversationId: 'c1', message_body: 'Weather in Oslo?' })
  expect(received[1]).toMatchObject({ messageId: 'a1', message_body: 'It is 21°C.', reply_status: 'complete' })
  expect(action[1]).toMatchObject({ messageId: 'a1', type: 'weather', tool_call_id: 'a1-call' })
  await settle()
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  expect(await screen.findByText('count: 2')).toBeTruthy()
  expect(errors).toEqual([])
})

test('consent pending, then denied: nothing sent, no error; granted later, only the exchange after the grant is sent, as a whole stream', async () => {
  const { analytics, errors, chat, decide } = consentApp([toolReply('a1', 'It is 21°C.'), toolReply('a2', 'Still 21°C.')], null)
  await sendAndWait(chat, 'Weather in Oslo?')
  await settle()
  decide(false)
  await settle()
  expect(analytics.calls).toEqual([])
  // Nothing was sent, so nothing was counted.
  expect(await screen.findByText('count: 0')).toBeTruthy()
  decide(true)
  await settle()
  expect(analytics.calls).toEqual([])
  await sendAndWait(chat, 'And tomorrow?')
  await settle()
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  const [started, sent, received] = tracks(analytics.calls)
  expect(started[1]).toEqual({ conversationId: 'c1' })
  expect(sent[1]).toMatchObject({ message_body: 'And tomorrow?' })
  expect(received[1]).toMatchObject({ messageId: 'a2', message_body: 'Still 21°C.' })
  expect(await screen.findByText('count: 2')).toBeTruthy()
  expect(errors).toEqual([])
})

test('consent denied while a reply streams, granted before it finishes: the reply finishes after the grant and is sent once; the question before the denial is not', async () => {
  const release = gate()
  const { analytics, errors, chat, decide } = consentApp([[{ type: 'start', messageId: 'a1' }, ...textReply('t', 'Thin'), { wait: release.wait }, { type: 'finish' }]], null)
  act(() => void chat().sendMessage({ text: 'Hi' }))
  await screen.findByText('assistant: Thin')
  decide(false)
  decide(true)
  release.open()
  await screen.findByText('status: ready')
  await settle()
  // Tracked after the grant: the reply alone (Conversation Started only comes before a Message Sent).
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId])).toEqual([['Message Received', 'a1']])
  expect(errors).toEqual([])
})

// ---- Server rendering, then hydration ----

function SsrApp({ analytics, transport, current }: { analytics: MemoryAnalytics; transport: ReturnType<typeof mockTransport>; current: Current }) {
  return (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="ssr1">
        <ChatView transport={transport} current={current} id="chat-ssr" messages={history} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
}

test('server rendering then hydration: nothing sent on the server, the restored history not sent on the client, a new exchange sent once', async () => {
  const transport = mockTransport([[{ type: 'start', messageId: 'a1' }, ...textReply('t', 'New answer'), { type: 'finish' }]])
  const current: Current = {}
  const { html, client, container, consoleError, unmount } = await renderOnServerThenHydrate((analytics, side) =>
    side === 'server' ? <SsrApp analytics={analytics} transport={mockTransport([])} current={{}} /> : <SsrApp analytics={analytics} transport={transport} current={current} />,
  )
  expect(html).toContain('Old answer')
  expect(consoleError).not.toHaveBeenCalled()
  await settle()
  expect(client.calls).toEqual([])
  expect(container.textContent).toContain('count: 2')

  await sendAndWait(() => current.chat!, 'New question')
  await settle()
  expect(tracks(client.calls).map(([event, p]) => [event, p.message_body])).toEqual([
    ['Message Sent', 'New question'],
    ['Message Received', 'New answer'],
  ])
  expect(container.textContent).toContain('count: 4')
  unmount()
})

// ---- Two providers on one page ----

test.each([
  ['each its own chat id', ['left', 'right']],
  ['the same chat id', ['support', 'support']],
] as const)('two providers, two chats (%s), messages interleaved: each conversation once, in its own client', async (_, [leftId, rightId]) => {
  const left = createMemoryAnalytics()
  const right = createMemoryAnalytics()
  const leftGo = gate()
  const rightGo = gate()
  const leftTransport = mockTransport([[{ type: 'start', messageId: 'L1' }, ...textReply('t', 'Left'), { wait: leftGo.wait }, { type: 'finish' }], toolReply('L2', 'Left again')])
  const rightTransport = mockTransport([[{ type: 'start', messageId: 'R1' }, ...textReply('t', 'Right'), { wait: rightGo.wait }, { type: 'finish' }]])
  const l: Current = {}
  const r: Current = {}
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={left} conversationId="left-c">
        <ChatView transport={leftTransport} current={l} id={leftId} label="L " />
      </CopilotAnalyticsProvider>
      <CopilotAnalyticsProvider analytics={right} conversationId="right-c">
        <ChatView transport={rightTransport} current={r} id={rightId} label="R " />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  act(() => void l.chat!.sendMessage({ text: 'Left question' }))
  await screen.findByText('L assistant: Left')
  act(() => void r.chat!.sendMessage({ text: 'Right question' }))
  await screen.findByText('R assistant: Right')
  rightGo.open()
  await screen.findByText('R status: ready')
  leftGo.open()
  await screen.findByText('L status: ready')
  await sendAndWait(() => l.chat!, 'Left follow-up')
  await settle()
  const summary = (calls: MemoryCall[]) => tracks(calls).map(([event, p]) => [event, p.conversationId, p.messageId ?? null, p.message_body ?? null])
  expect(summary(left.calls)).toEqual([
    ['Conversation Started', 'left-c', null, null],
    ['Message Sent', 'left-c', expect.any(String), 'Left question'],
    ['Message Received', 'left-c', 'L1', 'Left'],
    ['Message Sent', 'left-c', expect.any(String), 'Left follow-up'],
    ['Message Received', 'left-c', 'L2', 'Left again'],
    ['Action Invoked', 'left-c', 'L2', null],
  ])
  expect(summary(right.calls)).toEqual([
    ['Conversation Started', 'right-c', null, null],
    ['Message Sent', 'right-c', expect.any(String), 'Right question'],
    ['Message Received', 'right-c', 'R1', 'Right'],
  ])
})

// ---- Suspense and transitions ----

/** A component that suspends until `ready` resolves: React.lazy over a test-held promise. */
function lazyCard(ready: Promise<void>) {
  return lazy(async () => {
    await ready
    return { default: ({ children }: { children?: ReactNode }) => <b>{children}</b> }
  })
}

test('the chat view suspends mid-stream (a lazy tool card) and the reply finishes while it is hidden: sent once, when the view resumes', async () => {
  const analytics = createMemoryAnalytics()
  const finish = gate()
  const cardLoaded = gate()
  const Card = lazyCard(cardLoaded.wait)
  const transport = mockTransport([
    [
      { type: 'start', messageId: 'a1' },
      ...textReply('t', 'Looking '),
      { wait: finish.wait },
      { type: 'start-step' },
      { type: 'tool-input-available', toolCallId: 'call-1', toolName: 'weather', input: { city: 'Oslo' } },
      { type: 'tool-output-available', toolCallId: 'call-1', output: { temperature: 21 } },
      { type: 'finish-step' },
      { type: 'start-step' },
      ...textReply('t2', 'It is 21°C.'),
      { type: 'finish-step' },
      { type: 'finish' },
    ],
  ])
  const current: Current = {}
  function SuspendingChat() {
    const chat = useChat({ transport })
    current.chat = chat
    useChatTracking(chat)
    return (
      <ul>
        {chat.messages.map((m) => (
          <li key={m.id}>
            {m.role}: {m.parts.map((p, i) => (p.type === 'text' ? p.text : p.type.startsWith('tool-') ? <Card key={i}>tool</Card> : null))}
          </li>
        ))}
        <li>status: {chat.status}</li>
      </ul>
    )
  }
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1">
        <Suspense fallback={<p>loading card</p>}>
          <SuspendingChat />
        </Suspense>
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  act(() => void current.chat!.sendMessage({ text: 'Weather?' }))
  await screen.findByText(/assistant: Looking/)
  finish.open()
  await screen.findByText('loading card')
  await waitFor(() => expect(current.chat!.status).toBe('ready'))
  await settle(300)
  // Hidden, the view's layout effects are gone: the finished reply waits for it to show again.
  expect(tracks(analytics.calls).map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent'])
  cardLoaded.open()
  await screen.findByText('status: ready')
  await settle(300)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId ?? null, p.message_body ?? null])).toEqual([
    ['Conversation Started', null, null],
    ['Message Sent', expect.any(String), 'Weather?'],
    ['Message Received', 'a1', 'Looking \nIt is 21°C.'],
    ['Action Invoked', 'a1', null],
  ])
})

test('a chat switch in startTransition whose new chat suspends while the old reply streams: the old reply once, in its own conversation; the new chat is history, its next exchange once', async () => {
  const analytics = createMemoryAnalytics()
  const finish = gate()
  const loaded = gate()
  const transports = {
    one: mockTransport([[{ type: 'start', messageId: 'a1' }, ...textReply('t', 'Part one'), { wait: finish.wait }, ...textReply('t2', ' done'), { type: 'finish' }]]),
    two: mockTransport([[{ type: 'start', messageId: 'b1' }, ...textReply('t', 'Two answer'), { type: 'finish' }]]),
  }
  const saved: Record<string, UIMessage[]> = { one: [], two: history.map((m) => ({ ...m, id: 'two-' + m.id })) }
  let loadedTwo = false
  void loaded.wait.then(() => (loadedTwo = true))
  // The new chat's saved messages load through Suspense (a thrown promise), as a data router would.
  function Loader({ chatId, current }: { chatId: 'one' | 'two'; current: Current }) {
    if (chatId === 'two' && !loadedTwo) throw loaded.wait
    return <ChatView transport={transports[chatId]} current={current} id={chatId} messages={saved[chatId]} />
  }
  const current: Current = {}
  let switchTo!: (id: 'one' | 'two') => void
  function App() {
    const [chatId, setChatId] = useState<'one' | 'two'>('one')
    switchTo = (id) => startTransition(() => setChatId(id))
    return (
      <CopilotAnalyticsProvider analytics={analytics} conversationId={chatId}>
        <Suspense fallback={<p>loading chat</p>}>
          <Loader chatId={chatId} current={current} />
        </Suspense>
      </CopilotAnalyticsProvider>
    )
  }
  render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  act(() => void current.chat!.sendMessage({ text: 'First' }))
  await screen.findByText('assistant: Part one')
  act(() => switchTo('two'))
  // The transition waits on the new chat: the old one stays on screen, streaming.
  expect(screen.queryByText('loading chat')).toBeNull()
  finish.open()
  await screen.findByText('assistant: Part one done')
  await settle()
  await act(async () => loaded.open())
  await screen.findByText('assistant: Old answer')
  await settle()
  await sendAndWait(() => current.chat!, 'Second')
  await settle()
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.conversationId, p.message_body ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', 'one', null, null],
    ['Message Sent', 'one', 'First', null],
    ['Message Received', 'one', 'Part one\n done', 'complete'],
    ['Message Sent', 'two', 'Second', null],
    ['Message Received', 'two', 'Two answer', 'complete'],
  ])
})

test('the chat view suspends mid-stream, the reply finishes while it is hidden, and the view unmounts for good before it shows again: the reply once, with its final text and its tool call', async () => {
  const analytics = createMemoryAnalytics()
  const finish = gate()
  const Card = lazyCard(new Promise(() => {})) // never loads: the user leaves first
  const transport = mockTransport([[{ type: 'start', messageId: 'a1' }, ...textReply('t', 'Looking'), { wait: finish.wait }, ...toolReply('a1', 'It is 21°C.').slice(1)]])
  const current: Current = {}
  let showCard!: () => void
  let leave!: () => void
  function View() {
    const [card, setCard] = useState(false)
    showCard = () => setCard(true)
    return (
      <>
        <ChatView transport={transport} current={current} />
        {card && <Card />}
      </>
    )
  }
  function App() {
    const [open, setOpen] = useState(true)
    leave = () => setOpen(false)
    return (
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1">
        {open && (
          <Suspense fallback={<p>loading card</p>}>
            <View />
          </Suspense>
        )}
      </CopilotAnalyticsProvider>
    )
  }
  render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  act(() => void current.chat!.sendMessage({ text: 'Weather?' }))
  await screen.findByText('assistant: Looking')
  act(() => showCard())
  await screen.findByText('loading card')
  finish.open()
  await waitFor(() => expect(current.chat!.status).toBe('ready'))
  await settle()
  act(() => leave())
  await settle(300)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId ?? null, p.message_body ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', null, null, null],
    ['Message Sent', expect.any(String), 'Weather?', null],
    ['Message Received', 'a1', 'Looking\nIt is 21°C.', 'complete'],
    ['Action Invoked', 'a1', null, null],
  ])
})

test('server rendering then hydration with a stream to resume (useChat resume): the history, the question included, is not sent; the resumed reply is sent once', async () => {
  const restored: UIMessage[] = [...history, { id: 'q3', role: 'user', parts: [{ type: 'text', text: 'Asked before the reload' }] }]
  const release = gate()
  const chunks: Step[] = [{ type: 'start', messageId: 'a3' }, ...textReply('t', 'Resumed '), { wait: release.wait }, ...textReply('t2', 'answer'), { type: 'finish' }]
  const App = ({ analytics, transport }: { analytics: MemoryAnalytics; transport: ReturnType<typeof mockTransport> }) => {
    function View() {
      const chat = useChat({ transport, id: 'chat-resume', messages: restored, resume: true })
      useChatTracking(chat)
      return <p>{chat.messages.map((m) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')).join(' | ') + ' / ' + chat.status}</p>
    }
    return (
      <StrictMode>
        <CopilotAnalyticsProvider analytics={analytics} conversationId="resume1">
          <View />
        </CopilotAnalyticsProvider>
      </StrictMode>
    )
  }
  const base = mockTransport(() => chunks)
  // The server still streams the reply to the question asked before the reload: each reconnect replays it.
  const transport = Object.assign(base, { reconnectToStream: () => base.sendMessages({ trigger: 'submit-message', chatId: 'chat-resume', messageId: undefined, abortSignal: undefined, messages: [] }) })
  const { client, container, consoleError, unmount } = await renderOnServerThenHydrate((analytics, side) => <App analytics={analytics} transport={side === 'server' ? mockTransport([]) : transport} />)
  await waitFor(() => expect(container.textContent).toContain('Resumed'))
  expect(client.calls).toEqual([])
  release.open()
  await waitFor(() => expect(container.textContent).toContain('/ ready'))
  await settle()
  expect(consoleError).not.toHaveBeenCalled()
  expect(tracks(client.calls).map(([event, p]) => [event, p.messageId, p.message_body, p.reply_status])).toEqual([['Message Received', 'a3', 'Resumed \nanswer', 'complete']])
  unmount()
})

test('consent pending, the provider remounted (a new key) mid-stream over a shared Chat, then granted: the whole exchange once, in order, Identify first', async () => {
  const analytics = createMemoryAnalytics()
  const finish = gate()
  const chat = new Chat<UIMessage>({ transport: mockTransport([[{ type: 'start', messageId: 'a1' }, ...textReply('t', 'Looking'), { wait: finish.wait }, ...textReply('t2', ' done'), { type: 'finish' }]]) })
  function View() {
    const helpers = useChat({ chat })
    useChatTracking(helpers)
    return <p>{helpers.messages.map((m) => m.parts.map((p) => (p.type === 'text' ? p.text : '')).join('')).join(' | ') + ' / ' + helpers.status}</p>
  }
  const ui = (key: number, consent: boolean | null) => (
    <StrictMode>
      <CopilotAnalyticsProvider key={key} analytics={analytics} conversationId="c1" userId="u1" consent={consent}>
        <View />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(ui(1, null))
  act(() => void chat.sendMessage({ text: 'Hi' }))
  await screen.findByText(/Looking/)
  view.rerender(ui(2, null))
  finish.open()
  await screen.findByText(/ready/)
  await settle()
  expect(analytics.calls).toEqual([])
  view.rerender(ui(2, true))
  await settle()
  expect(analytics.calls.map((call) => (call.type === 'track' ? [call.event, call.properties.message_body ?? null] : 'Identify'))).toEqual([
    'Identify',
    ['Conversation Started', null],
    ['Message Sent', 'Hi'],
    ['Message Received', 'Looking\n done'],
  ])
})

test.each([
  ['the same view', false],
  ['a view keyed by chat', true],
] as const)('a chat switch in startTransition that commits while the old reply streams (%s): the old reply once, aborted, into its own conversation; the new chat is history, its next exchange once', async (_, keyed) => {
  const analytics = createMemoryAnalytics()
  const never = gate()
  const transports = {
    // The text is still streaming (no text-end) when the other chat opens.
    one: mockTransport([[{ type: 'start', messageId: 'a1' }, { type: 'text-start', id: 't' }, { type: 'text-delta', id: 't', delta: 'Half' }, { wait: never.wait }, { type: 'text-end', id: 't' }, { type: 'finish' }]]),
    two: mockTransport([[{ type: 'start', messageId: 'b1' }, ...textReply('t', 'Two answer'), { type: 'finish' }]]),
  }
  const saved: Record<string, UIMessage[]> = { one: [], two: history.map((m) => ({ ...m, id: 'two-' + m.id })) }
  const current: Current = {}
  let switchTo!: (id: 'one' | 'two') => void
  function App() {
    const [chatId, setChatId] = useState<'one' | 'two'>('one')
    switchTo = (id) => startTransition(() => setChatId(id))
    return (
      <CopilotAnalyticsProvider analytics={analytics} conversationId={chatId}>
        <ChatView key={keyed ? chatId : undefined} transport={transports[chatId]} current={current} id={chatId} messages={saved[chatId]} />
      </CopilotAnalyticsProvider>
    )
  }
  render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  act(() => void current.chat!.sendMessage({ text: 'First' }))
  await screen.findByText('assistant: Half')
  act(() => switchTo('two'))
  await screen.findByText('assistant: Old answer')
  await settle()
  await sendAndWait(() => current.chat!, 'Second')
  await settle()
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.conversationId, p.message_body ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', 'one', null, null],
    ['Message Sent', 'one', 'First', null],
    ['Message Received', 'one', 'Half', 'aborted'],
    ['Message Sent', 'two', 'Second', null],
    ['Message Received', 'two', 'Two answer', 'complete'],
  ])
  never.open()
})

test('two providers on one client, one granted and one pending, messages interleaved: the granted one sends at once, the pending one holds its own and sends them once at its grant; Identify once', async () => {
  const analytics = createMemoryAnalytics()
  const leftGo = gate()
  const rightGo = gate()
  const leftTransport = mockTransport([[{ type: 'start', messageId: 'L1' }, ...textReply('t', 'Left'), { wait: leftGo.wait }, { type: 'finish' }]])
  const rightTransport = mockTransport([[{ type: 'start', messageId: 'R1' }, ...textReply('t', 'Right'), { wait: rightGo.wait }, { type: 'finish' }]])
  const l: Current = {}
  const r: Current = {}
  const ui = (right: Consent) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="left-c" userId="u1">
        <ChatView transport={leftTransport} current={l} id="left" label="L " />
      </CopilotAnalyticsProvider>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="right-c" userId="u1" consent={right}>
        <ChatView transport={rightTransport} current={r} id="right" label="R " />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(ui(null))
  act(() => void l.chat!.sendMessage({ text: 'Left question' }))
  await screen.findByText('L assistant: Left')
  act(() => void r.chat!.sendMessage({ text: 'Right question' }))
  await screen.findByText('R assistant: Right')
  rightGo.open()
  await screen.findByText('R status: ready')
  leftGo.open()
  await screen.findByText('L status: ready')
  await settle()
  const summary = () => analytics.calls.map((call) => (call.type === 'track' ? [call.event, call.properties.conversationId] : 'Identify'))
  expect(summary()).toEqual(['Identify', ['Conversation Started', 'left-c'], ['Message Sent', 'left-c'], ['Message Received', 'left-c']])
  view.rerender(ui(true))
  await settle()
  expect(summary()).toEqual([
    'Identify',
    ['Conversation Started', 'left-c'],
    ['Message Sent', 'left-c'],
    ['Message Received', 'left-c'],
    ['Conversation Started', 'right-c'],
    ['Message Sent', 'right-c'],
    ['Message Received', 'right-c'],
  ])
})
