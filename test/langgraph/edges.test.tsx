import { StrictMode, Suspense, lazy, startTransition, useState, type ReactNode } from 'react'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { useStream } from '@langchain/langgraph-sdk/react'
import { CopilotAnalyticsProvider, useConversation, type Consent } from '../../src/entries'
import { useStreamTracking } from '../../src/entries/langgraph'
import { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../../src/entries/testing'
import { ai, gate, human, mockLangGraph, streamedAi, tool, type RunStep } from './mockServer'
import { renderOnServerThenHydrate } from '../serverThenHydrate'

// The adapter in the states no other test puts it in: consent pending then decided, server rendering
// then hydration, two providers on one page, and Suspense around the chat view.

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
  vi.restoreAllMocks()
})

type Stream = ReturnType<typeof useStream>
type Server = ReturnType<typeof mockLangGraph>
const rows = (calls: MemoryCall[]) => calls.map((call) => (call.type === 'track' ? call.event : 'Identify'))
const tracks = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties] as const] : []))
const wait = (ms = 20) => act(() => new Promise((resolve) => setTimeout(resolve, ms)))

/** A run that calls a tool, gets its result and answers: Message Received (the answer), then Action Invoked. */
const toolRun = (n: string): RunStep[] => [
  { commit: [ai('ai-' + n + 'a', 'Let me check. ', { tool_calls: [{ id: 'call-' + n, name: 'weather', args: { city: 'Oslo' } }] })] },
  { commit: [tool('t-' + n, 'call-' + n, '21°C')] },
  ...streamedAi('ai-' + n + 'b', ['It is ', '21°C.']),
]

type Current = { stream?: Stream }

function Chat({ server, current, thread = null, label = '', children }: { server: Server; current: Current; thread?: string | null; label?: string; children?: ReactNode }) {
  const [threadId, setThread] = useState<string | null>(thread)
  const stream = useStream({ client: server.client, assistantId: 'agent', threadId, onThreadId: setThread })
  current.stream = stream
  useStreamTracking(stream, { threadId })
  const { messageCount } = useConversation()
  return (
    <ul>
      {stream.messages.map((m, i) => (
        <li key={m.id ?? i}>
          {label}
          {m.type}: {typeof m.content === 'string' ? m.content : '[parts]'}
        </li>
      ))}
      <li>
        {label}loading: {String(stream.isLoading)}
      </li>
      <li>
        {label}count: {messageCount}
      </li>
      {children}
    </ul>
  )
}

const submit = async (current: Current, id: string, text: string) => {
  await act(async () => void current.stream!.submit({ messages: [human(id, text)] }))
  await waitFor(() => expect(current.stream!.isLoading).toBe(false))
  await wait()
}

function consentApp(runs: RunStep[][], consent: Consent) {
  const analytics = createMemoryAnalytics()
  const server = mockLangGraph({ runs })
  const current: Current = {}
  const errors: string[] = []
  const ui = (value: Consent) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId="u1" consent={value} onError={(error) => errors.push(error.code)}>
        <Chat server={server} current={current} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(ui(consent))
  return { analytics, errors, current, decide: (value: Consent) => view.rerender(ui(value)) }
}

const EXCHANGE = ['Identify', 'Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked']

test.each([
  ['null', null],
  ['a function whose promise is pending', 'function'],
] as const)('consent %s, then granted: a whole run (question, streamed reply with a tool call) goes out once, in order, at the grant', async (_, kind) => {
  let grant!: (value: boolean) => void
  const pending = () => new Promise<boolean>((resolve) => (grant = resolve))
  const { analytics, errors, current, decide } = consentApp([toolRun('1')], kind === 'function' ? pending : null)
  await submit(current, 'q1', 'Weather?')
  expect(analytics.calls).toEqual([])
  if (kind === 'function') await act(async () => grant(true))
  else decide(true)
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId ?? null])).toEqual([
    ['Conversation Started', null],
    ['Message Sent', 'q1'],
    ['Message Received', 'ai-1b'],
    ['Action Invoked', 'ai-1b'],
  ])
  await wait()
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  expect(screen.getByText('count: 2')).toBeTruthy()
  expect(errors).toEqual([])
})

test('consent pending, then denied: nothing sent, no error; granted later, only the run after the grant is sent, as a whole stream', async () => {
  const { analytics, errors, current, decide } = consentApp([toolRun('1'), toolRun('2')], null)
  await submit(current, 'q1', 'Weather?')
  decide(false)
  await wait()
  expect(analytics.calls).toEqual([])
  expect(screen.getByText('count: 0')).toBeTruthy()
  decide(true)
  await wait()
  expect(analytics.calls).toEqual([])
  await submit(current, 'q2', 'And tomorrow?')
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId ?? null])).toEqual([
    ['Conversation Started', null],
    ['Message Sent', 'q2'],
    ['Message Received', 'ai-2b'],
    ['Action Invoked', 'ai-2b'],
  ])
  expect(screen.getByText('count: 2')).toBeTruthy()
  expect(errors).toEqual([])
})

// ---- Server rendering, then hydration ----

const SsrApp = ({ analytics, server, current }: { analytics: MemoryAnalytics; server: Server; current: Current }) => (
  <StrictMode>
    <CopilotAnalyticsProvider analytics={analytics} conversationId="ssr1">
      <Chat server={server} current={current} thread="thread-old" />
    </CopilotAnalyticsProvider>
  </StrictMode>
)
const saved = { 'thread-old': [human('h0', 'Earlier'), ai('ai-0', 'Earlier answer')] }

test('server rendering then hydration: nothing sent on the server, the restored thread not sent on the client, a new run sent once', async () => {
  const current: Current = {}
  const { client, container, consoleError, unmount } = await renderOnServerThenHydrate((analytics, side) =>
    side === 'server' ? (
      <SsrApp analytics={analytics} server={mockLangGraph({ threads: saved })} current={{}} />
    ) : (
      <SsrApp analytics={analytics} server={mockLangGraph({ threads: saved, runs: [streamedAi('ai-1', ['New ', 'answer'])] })} current={current} />
    ),
  )
  await waitFor(() => expect(container.textContent).toContain('Earlier answer'))
  await wait()
  expect(consoleError).not.toHaveBeenCalled()
  expect(client.calls).toEqual([])
  expect(container.textContent).toContain('count: 2')
  await submit(current, 'q1', 'New question')
  expect(tracks(client.calls).map(([event, p]) => [event, p.messageId])).toEqual([
    ['Message Sent', 'q1'],
    ['Message Received', 'ai-1'],
  ])
  expect(container.textContent).toContain('count: 4')
  unmount()
})

// ---- Two providers on one page ----

test('two providers, two streams, runs interleaved: each conversation once, in its own client', async () => {
  const left = createMemoryAnalytics()
  const right = createMemoryAnalytics()
  const leftGo = gate()
  const rightGo = gate()
  const l: Current = {}
  const r: Current = {}
  const leftServer = mockLangGraph({ runs: [[{ chunk: { id: 'L1', content: 'Left' } }, { wait: leftGo.wait }, { commit: [ai('L1', 'Left done')] }], toolRun('L')] })
  const rightServer = mockLangGraph({ runs: [[{ chunk: { id: 'R1', content: 'Right' } }, { wait: rightGo.wait }, { commit: [ai('R1', 'Right done')] }]] })
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={left} conversationId="left-c">
        <Chat server={leftServer} current={l} label="L " />
      </CopilotAnalyticsProvider>
      <CopilotAnalyticsProvider analytics={right} conversationId="right-c">
        <Chat server={rightServer} current={r} label="R " />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  await act(async () => void l.stream!.submit({ messages: [human('lq1', 'Left question')] }))
  await screen.findByText('L ai: Left')
  await act(async () => void r.stream!.submit({ messages: [human('rq1', 'Right question')] }))
  await screen.findByText('R ai: Right')
  rightGo.open()
  await screen.findByText('R ai: Right done')
  await waitFor(() => expect(r.stream!.isLoading).toBe(false))
  leftGo.open()
  await waitFor(() => expect(l.stream!.isLoading).toBe(false))
  await wait()
  await submit(l, 'lq2', 'Left follow-up')
  const summary = (calls: MemoryCall[]) => tracks(calls).map(([event, p]) => [event, p.conversationId, p.messageId ?? null, p.message_body ?? null])
  expect(summary(left.calls)).toEqual([
    ['Conversation Started', 'left-c', null, null],
    ['Message Sent', 'left-c', 'lq1', 'Left question'],
    ['Message Received', 'left-c', 'L1', 'Left done'],
    ['Message Sent', 'left-c', 'lq2', 'Left follow-up'],
    // One reply per run: the answer and the message that called the tool, under the last one's id.
    ['Message Received', 'left-c', 'ai-Lb', 'Let me check. \nIt is 21°C.'],
    ['Action Invoked', 'left-c', 'ai-Lb', null],
  ])
  expect(summary(right.calls)).toEqual([
    ['Conversation Started', 'right-c', null, null],
    ['Message Sent', 'right-c', 'rq1', 'Right question'],
    ['Message Received', 'right-c', 'R1', 'Right done'],
  ])
})

// ---- Suspense ----

test('the chat view suspends mid-run (a lazy card) and the run ends while it is hidden: the reply once, when the view resumes', async () => {
  const analytics = createMemoryAnalytics()
  const go = gate()
  const cardLoaded = gate()
  const Card = lazy(async () => {
    await cardLoaded.wait
    return { default: () => <b>card</b> }
  })
  const server = mockLangGraph({ runs: [[{ chunk: { id: 'ai-1a', content: 'Let me check. ' } }, { wait: go.wait }, ...toolRun('1')]] })
  const current: Current = {}
  let showCard!: () => void
  function View() {
    const [card, setCard] = useState(false)
    showCard = () => setCard(true)
    return (
      <Chat server={server} current={current}>
        {card && <Card />}
      </Chat>
    )
  }
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1">
        <Suspense fallback={<p>loading card</p>}>
          <View />
        </Suspense>
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  await act(async () => void current.stream!.submit({ messages: [human('q1', 'Weather?')] }))
  await screen.findByText('ai: Let me check.')
  act(() => showCard())
  await screen.findByText('loading card')
  go.open()
  await waitFor(() => expect(current.stream!.isLoading).toBe(false))
  await wait(300)
  expect(rows(analytics.calls)).toEqual(['Conversation Started', 'Message Sent'])
  await act(async () => cardLoaded.open())
  await screen.findByText('card')
  await wait(300)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', null, null],
    ['Message Sent', 'q1', null],
    ['Message Received', 'ai-1b', 'complete'],
    ['Action Invoked', 'ai-1b', null],
  ])
})

test('the chat view suspends mid-run, the run ends while it is hidden, and the view unmounts for good before it shows again: the reply once, with its final text and its tool call', async () => {
  const analytics = createMemoryAnalytics()
  const go = gate()
  const Card = lazy(() => new Promise<{ default: () => null }>(() => {})) // never loads: the user leaves first
  const server = mockLangGraph({ runs: [[{ chunk: { id: 'ai-1a', content: 'Let me check. ' } }, { wait: go.wait }, ...toolRun('1')]] })
  const current: Current = {}
  let showCard!: () => void
  let leave!: () => void
  function View() {
    const [card, setCard] = useState(false)
    showCard = () => setCard(true)
    return (
      <Chat server={server} current={current}>
        {card && <Card />}
      </Chat>
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
  await act(async () => void current.stream!.submit({ messages: [human('q1', 'Weather?')] }))
  await screen.findByText('ai: Let me check.')
  act(() => showCard())
  await screen.findByText('loading card')
  go.open()
  await waitFor(() => expect(current.stream!.isLoading).toBe(false))
  await wait(50)
  act(() => leave())
  await wait(300)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId ?? null, p.message_body ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', null, null, null],
    ['Message Sent', 'q1', 'Weather?', null],
    ['Message Received', 'ai-1b', 'Let me check. \nIt is 21°C.', 'complete'],
    ['Action Invoked', 'ai-1b', null, null],
  ])
})

test('a thread switch in startTransition while a run streams: the old reply once, into its own conversation, with the text so far; the new thread is history, its next run once', async () => {
  const analytics = createMemoryAnalytics()
  const never = gate()
  const server = mockLangGraph({
    threads: { 'thread-b': [human('hb', 'B question'), ai('ai-b', 'B answer')] },
    runs: [[{ chunk: { id: 'ai-1', content: 'Half' } }, { wait: never.wait }], streamedAi('ai-2', ['B ', 'again'])],
  })
  const current: Current = {}
  let open!: (thread: string) => void
  function App() {
    const [threadId, setThread] = useState<string | null>(null)
    open = (thread) => startTransition(() => setThread(thread))
    const stream = useStream({ client: server.client, assistantId: 'agent', threadId, onThreadId: setThread })
    current.stream = stream
    return (
      <CopilotAnalyticsProvider analytics={analytics} conversationId={threadId === 'thread-b' ? 'conv-b' : 'conv-a'}>
        <Tracker stream={stream} threadId={threadId} />
        <ul>
          {stream.messages.map((m, i) => (
            <li key={m.id ?? i}>
              {m.type}: {typeof m.content === 'string' ? m.content : '[parts]'}
            </li>
          ))}
        </ul>
      </CopilotAnalyticsProvider>
    )
  }
  function Tracker({ stream, threadId }: { stream: Stream; threadId: string | null }) {
    useStreamTracking(stream, { threadId })
    return null
  }
  render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  act(() => void current.stream!.submit({ messages: [human('h1', 'Hi')] }))
  await screen.findByText('ai: Half')
  act(() => open('thread-b'))
  await screen.findByText('ai: B answer')
  await wait(300)
  await submit(current, 'h2', 'B follow-up')
  await wait(300)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.conversationId, p.messageId ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', 'conv-a', null, null],
    ['Message Sent', 'conv-a', 'h1', null],
    ['Message Received', 'conv-a', 'ai-1', 'aborted'],
    ['Message Sent', 'conv-b', 'h2', null],
    ['Message Received', 'conv-b', 'ai-2', 'complete'],
  ])
  never.open()
})
