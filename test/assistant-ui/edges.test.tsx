import { StrictMode, Suspense, lazy, startTransition, useState, type ReactNode } from 'react'
import { act, cleanup, render, screen, waitFor } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { AssistantRuntimeProvider, MessagePrimitive, ThreadPrimitive, useAui, useLocalRuntime, type AssistantClient, type ThreadMessageLike } from '@assistant-ui/react'
import { CopilotAnalyticsProvider, useConversation, type Consent } from '../../src/entries'
import { useAssistantTracking } from '../../src/entries/assistant-ui'
import { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../../src/entries/testing'
import { gate, scriptedModel, send, settle, until, words, type Reply } from './scriptedModel'
import { renderOnServerThenHydrate } from '../serverThenHydrate'

// The adapter in the states no other test puts it in: consent pending then decided, server rendering
// then hydration, two providers on one page, and Suspense / transitions around the thread view.

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
  vi.restoreAllMocks()
})

const rows = (calls: MemoryCall[]) => calls.map((call) => (call.type === 'track' ? call.event : 'Identify'))
const tracks = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties] as const] : []))

/** A reply with a finished tool call, then text: Message Received, then Action Invoked. */
const toolReply =
  (text: string): Reply =>
  async function* () {
    const tool = { type: 'tool-call' as const, toolCallId: 'call-' + text.length, toolName: 'weather', args: { city: 'Oslo' }, argsText: '{"city":"Oslo"}' }
    yield { content: [tool] }
    await new Promise((resolve) => setTimeout(resolve, 1))
    yield { content: [{ ...tool, result: { temperature: 21 } }] }
    await new Promise((resolve) => setTimeout(resolve, 1))
    yield { content: [{ ...tool, result: { temperature: 21 } }, { type: 'text', text }] }
  }

const history: ThreadMessageLike[] = [
  { id: 'h1', role: 'user', content: 'Old question' },
  { id: 'h2', role: 'assistant', content: [{ type: 'text', text: 'Old answer' }], status: { type: 'complete', reason: 'stop' } },
]

type Current = { aui?: AssistantClient }

function Runtime({ model, initialMessages, children }: { model: ReturnType<typeof scriptedModel>; initialMessages?: ThreadMessageLike[]; children: ReactNode }) {
  const runtime = useLocalRuntime(model, { initialMessages })
  return <AssistantRuntimeProvider runtime={runtime}>{children}</AssistantRuntimeProvider>
}

function ThreadView({ current, label = '', tool }: { current: Current; label?: string; tool?: React.ComponentType }) {
  useAssistantTracking()
  current.aui = useAui()
  const { messageCount } = useConversation()
  const Tool = tool
  return (
    <div>
      <ThreadPrimitive.Messages
        components={{
          UserMessage: () => (
            <div>
              {label}user: <MessagePrimitive.Parts />
            </div>
          ),
          AssistantMessage: () => (
            <div>
              {label}assistant: <MessagePrimitive.Parts components={Tool ? { tools: { Fallback: () => <Tool /> } } : undefined} />
            </div>
          ),
        }}
      />
      <p>
        {label}count: {messageCount}
      </p>
    </div>
  )
}

function consentApp(replies: Reply[], consent: Consent) {
  const analytics = createMemoryAnalytics()
  const model = scriptedModel(replies)
  const current: Current = {}
  const errors: string[] = []
  const ui = (value: Consent) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId="u1" consent={value} onError={(error) => errors.push(error.code)}>
        <Runtime model={model}>
          <ThreadView current={current} />
        </Runtime>
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(ui(consent))
  return { analytics, errors, aui: () => current.aui!, decide: (value: Consent) => view.rerender(ui(value)) }
}

const EXCHANGE = ['Identify', 'Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked']

test.each([
  ['null', null],
  ['a function whose promise is pending', 'function'],
] as const)('consent %s, then granted: a whole exchange (question, streamed reply with a tool call) goes out once, in order, at the grant', async (_, kind) => {
  let grant!: (value: boolean) => void
  const pending = () => new Promise<boolean>((resolve) => (grant = resolve))
  const { analytics, errors, aui, decide } = consentApp([toolReply('It is 21°C.')], kind === 'function' ? pending : null)
  await send(aui, 'Weather in Oslo?')
  await settle()
  expect(analytics.calls).toEqual([])
  if (kind === 'function') await act(async () => grant(true))
  else decide(true)
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  const [, sent, received, action] = tracks(analytics.calls)
  const ids = aui().thread.getState().messages.map((message) => message.id)
  expect(sent[1]).toMatchObject({ conversationId: 'c1', messageId: ids[0], message_body: 'Weather in Oslo?' })
  expect(received[1]).toMatchObject({ messageId: ids[1], message_body: 'It is 21°C.', reply_status: 'complete' })
  expect(action[1]).toMatchObject({ messageId: ids[1], type: 'weather' })
  await settle()
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  expect(await screen.findByText('count: 2')).toBeTruthy()
  expect(errors).toEqual([])
})

test('consent pending, then denied: nothing sent, no error; granted later, only the exchange after the grant is sent, as a whole stream', async () => {
  const { analytics, errors, aui, decide } = consentApp([toolReply('It is 21°C.'), toolReply('Still 21°C.')], null)
  await send(aui, 'Weather in Oslo?')
  await settle()
  decide(false)
  await settle()
  expect(analytics.calls).toEqual([])
  expect(await screen.findByText('count: 0')).toBeTruthy()
  decide(true)
  await settle()
  expect(analytics.calls).toEqual([])
  await send(aui, 'And tomorrow?')
  await settle()
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  const [started, sent, received] = tracks(analytics.calls)
  expect(started[1]).toEqual({ conversationId: 'c1' })
  expect(sent[1]).toMatchObject({ message_body: 'And tomorrow?' })
  expect(received[1]).toMatchObject({ message_body: 'Still 21°C.' })
  expect(await screen.findByText('count: 2')).toBeTruthy()
  expect(errors).toEqual([])
})

// ---- Server rendering, then hydration ----

function SsrApp({ analytics, model, current }: { analytics: MemoryAnalytics; model: ReturnType<typeof scriptedModel>; current: Current }) {
  return (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="ssr1">
        <Runtime model={model} initialMessages={history}>
          <ThreadView current={current} />
        </Runtime>
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
}

test('server rendering then hydration: nothing sent on the server, the restored thread not sent on the client, a new exchange sent once', async () => {
  const current: Current = {}
  const { html, client, container, consoleError, unmount } = await renderOnServerThenHydrate((analytics, side) =>
    side === 'server' ? <SsrApp analytics={analytics} model={scriptedModel([])} current={{}} /> : <SsrApp analytics={analytics} model={scriptedModel([words('New answer')])} current={current} />,
  )
  // The local runtime loads its initial messages in an effect: the server renders an empty thread,
  // and the restored messages appear after hydration, before any run (so: history).
  expect(html).toContain('count: <!-- -->0')
  await settle()
  expect(consoleError).not.toHaveBeenCalled()
  expect(client.calls).toEqual([])
  expect(container.textContent).toContain('Old answer')
  expect(container.textContent).toContain('count: 2')

  await send(() => current.aui!, 'New question')
  await settle()
  expect(tracks(client.calls).map(([event, p]) => [event, p.message_body])).toEqual([
    ['Message Sent', 'New question'],
    ['Message Received', 'New answer'],
  ])
  expect(container.textContent).toContain('count: 4')
  unmount()
})

// ---- Two providers on one page ----

test('two providers, two threads, messages interleaved: each conversation once, in its own client', async () => {
  const left = createMemoryAnalytics()
  const right = createMemoryAnalytics()
  const leftGo = gate()
  const rightGo = gate()
  const held =
    (first: string, rest: string, go: Promise<void>): Reply =>
    async function* ({ abortSignal }) {
      yield { content: [{ type: 'text', text: first }] }
      await until(go, abortSignal)
      yield { content: [{ type: 'text', text: first + rest }] }
    }
  const l: Current = {}
  const r: Current = {}
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={left} conversationId="left-c">
        <Runtime model={scriptedModel([held('Left', ' done', leftGo.wait), toolReply('Left again')])}>
          <ThreadView current={l} label="L " />
        </Runtime>
      </CopilotAnalyticsProvider>
      <CopilotAnalyticsProvider analytics={right} conversationId="right-c">
        <Runtime model={scriptedModel([held('Right', ' done', rightGo.wait)])}>
          <ThreadView current={r} label="R " />
        </Runtime>
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  act(() => l.aui!.thread.append('Left question'))
  await waitFor(() => expect(l.aui!.thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Left' }))
  act(() => r.aui!.thread.append('Right question'))
  await waitFor(() => expect(r.aui!.thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Right' }))
  rightGo.open()
  await waitFor(() => expect(r.aui!.thread.getState().isRunning).toBe(false))
  await settle()
  leftGo.open()
  await waitFor(() => expect(l.aui!.thread.getState().isRunning).toBe(false))
  await send(() => l.aui!, 'Left follow-up')
  await settle()
  const summary = (calls: MemoryCall[]) => tracks(calls).map(([event, p]) => [event, p.conversationId, p.message_body ?? null])
  expect(summary(left.calls)).toEqual([
    ['Conversation Started', 'left-c', null],
    ['Message Sent', 'left-c', 'Left question'],
    ['Message Received', 'left-c', 'Left done'],
    ['Message Sent', 'left-c', 'Left follow-up'],
    ['Message Received', 'left-c', 'Left again'],
    ['Action Invoked', 'left-c', null],
  ])
  expect(summary(right.calls)).toEqual([
    ['Conversation Started', 'right-c', null],
    ['Message Sent', 'right-c', 'Right question'],
    ['Message Received', 'right-c', 'Right done'],
  ])
})

// ---- Suspense and transitions ----

test('the thread view suspends mid-run (a lazy tool UI) and the run finishes while it is hidden: sent once, when the view resumes', async () => {
  const analytics = createMemoryAnalytics()
  const finish = gate()
  const cardLoaded = gate()
  const Card = lazy(async () => {
    await cardLoaded.wait
    return { default: () => <b>tool card</b> }
  })
  const reply: Reply = async function* ({ abortSignal }) {
    yield { content: [{ type: 'text', text: 'Looking' }] }
    await until(finish.wait, abortSignal)
    const tool = { type: 'tool-call' as const, toolCallId: 'call-1', toolName: 'weather', args: { city: 'Oslo' }, argsText: '{"city":"Oslo"}' }
    yield { content: [{ type: 'text', text: 'Looking' }, tool] }
    await new Promise((resolve) => setTimeout(resolve, 5))
    yield { content: [{ type: 'text', text: 'Looking' }, { ...tool, result: { temperature: 21 } }, { type: 'text', text: 'It is 21°C.' }] }
  }
  const current: Current = {}
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1">
        <Runtime model={scriptedModel([reply])}>
          <Suspense fallback={<p>loading card</p>}>
            <ThreadView current={current} tool={Card} />
          </Suspense>
        </Runtime>
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  act(() => current.aui!.thread.append('Weather?'))
  await waitFor(() => expect(current.aui!.thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Looking' }))
  finish.open()
  await screen.findByText('loading card')
  await waitFor(() => expect(current.aui!.thread.getState().isRunning).toBe(false))
  await settle(300)
  // Hidden, the view's layout effects (its subscriptions) are gone: the finished reply waits for it to show again.
  expect(tracks(analytics.calls).map(([event]) => event)).toEqual(['Conversation Started', 'Message Sent'])
  cardLoaded.open()
  await screen.findByText('tool card')
  await settle(300)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.message_body ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', null, null],
    ['Message Sent', 'Weather?', null],
    ['Message Received', 'Looking\nIt is 21°C.', 'complete'],
    ['Action Invoked', null, null],
  ])
})

test('a thread switch in startTransition whose new thread suspends while the old reply streams: the old reply once, in its own conversation; the new thread is history, its next exchange once', async () => {
  const analytics = createMemoryAnalytics()
  const finish = gate()
  const loaded = gate()
  let loadedTwo = false
  void loaded.wait.then(() => (loadedTwo = true))
  const models = {
    one: scriptedModel([
      async function* ({ abortSignal }) {
        yield { content: [{ type: 'text', text: 'Part one' }] }
        await until(finish.wait, abortSignal)
        yield { content: [{ type: 'text', text: 'Part one done' }] }
      },
    ]),
    two: scriptedModel([words('Two answer')]),
  }
  // The new thread's saved messages load through Suspense (a thrown promise), as a data router would.
  function Loader({ chatId, current }: { chatId: 'one' | 'two'; current: Current }) {
    if (chatId === 'two' && !loadedTwo) throw loaded.wait
    return (
      <Runtime model={models[chatId]} initialMessages={chatId === 'two' ? history : undefined}>
        <ThreadView current={current} />
      </Runtime>
    )
  }
  const current: Current = {}
  let switchTo!: (id: 'one' | 'two') => void
  function App() {
    const [chatId, setChatId] = useState<'one' | 'two'>('one')
    switchTo = (id) => startTransition(() => setChatId(id))
    return (
      <CopilotAnalyticsProvider analytics={analytics} conversationId={chatId}>
        <Suspense fallback={<p>loading chat</p>}>
          <Loader key={chatId} chatId={chatId} current={current} />
        </Suspense>
      </CopilotAnalyticsProvider>
    )
  }
  render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  act(() => current.aui!.thread.append('First'))
  await waitFor(() => expect(current.aui!.thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Part one' }))
  act(() => switchTo('two'))
  // The transition waits on the new thread: the old one stays on screen, running.
  expect(screen.queryByText('loading chat')).toBeNull()
  finish.open()
  await waitFor(() => expect(current.aui!.thread.getState().isRunning).toBe(false))
  await settle()
  await act(async () => loaded.open())
  await screen.findByText('Old answer')
  await settle()
  await send(() => current.aui!, 'Second')
  await settle()
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.conversationId, p.message_body ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', 'one', null, null],
    ['Message Sent', 'one', 'First', null],
    ['Message Received', 'one', 'Part one done', 'complete'],
    ['Message Sent', 'two', 'Second', null],
    ['Message Received', 'two', 'Two answer', 'complete'],
  ])
})

test('the thread view suspends mid-run, the run finishes while it is hidden, and the page unmounts for good before it shows again: the reply once, with its final text and its tool call', async () => {
  const analytics = createMemoryAnalytics()
  const finish = gate()
  const Card = lazy(() => new Promise<{ default: () => ReactNode }>(() => {})) // never loads: the user leaves first
  const reply: Reply = async function* ({ abortSignal }) {
    yield { content: [{ type: 'text', text: 'Looking' }] }
    await until(finish.wait, abortSignal)
    const tool = { type: 'tool-call' as const, toolCallId: 'call-1', toolName: 'weather', args: { city: 'Oslo' }, argsText: '{"city":"Oslo"}' }
    yield { content: [{ type: 'text', text: 'Looking' }, { ...tool, result: { temperature: 21 } }, { type: 'text', text: 'It is 21°C.' }] }
  }
  const model = scriptedModel([reply])
  const current: Current = {}
  let showCard!: () => void
  let leave!: () => void
  function View() {
    const [card, setCard] = useState(false)
    showCard = () => setCard(true)
    return (
      <>
        <ThreadView current={current} />
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
          <Runtime model={model}>
            <Suspense fallback={<p>loading card</p>}>
              <View />
            </Suspense>
          </Runtime>
        )}
      </CopilotAnalyticsProvider>
    )
  }
  render(
    <StrictMode>
      <App />
    </StrictMode>,
  )
  act(() => current.aui!.thread.append('Weather?'))
  await waitFor(() => expect(current.aui!.thread.getState().messages[1]?.content[0]).toMatchObject({ text: 'Looking' }))
  act(() => showCard())
  await screen.findByText('loading card')
  finish.open()
  await waitFor(() => expect(current.aui!.thread.getState().isRunning).toBe(false))
  await settle()
  act(() => leave())
  await settle(300)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.message_body ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', null, null],
    ['Message Sent', 'Weather?', null],
    ['Message Received', 'Looking\nIt is 21°C.', 'complete'],
    ['Action Invoked', null, null],
  ])
})
