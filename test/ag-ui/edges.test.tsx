import { StrictMode, Suspense, lazy, useState } from 'react'
import { act, cleanup, render, screen } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import type { AbstractAgent, Message } from '@ag-ui/client'
import { CopilotAnalyticsProvider, useConversation, type Consent } from '../../src/entries'
import { useAgentTracking } from '../../src/entries/ag-ui'
import { createMemoryAnalytics, type MemoryAnalytics, type MemoryCall } from '../../src/entries/testing'
import { finished, gate, reply, ScriptedAgent, send, started, text, toolCall, toolResult, type Step } from './scriptedAgent'
import { renderOnServerThenHydrate } from '../serverThenHydrate'

// The adapter in the states no other test puts it in: consent pending then decided, server rendering
// then hydration, two providers on one page, and Suspense around the chat view.

afterEach(async () => {
  cleanup()
  await new Promise((resolve) => setTimeout(resolve, 0))
  vi.restoreAllMocks()
})

const rows = (calls: MemoryCall[]) => calls.map((call) => (call.type === 'track' ? call.event : 'Identify'))
const tracks = (calls: MemoryCall[]) => calls.flatMap((call) => (call.type === 'track' ? [[call.event, call.properties] as const] : []))
const tick = (ms = 0) => act(() => new Promise((resolve) => setTimeout(resolve, ms)))
const run = async (agent: AbstractAgent, id: string, content: string) => {
  await act(() => send(agent, id, content))
  await tick()
}

/** A turn that calls a tool, gets its result, and goes on: one reply (a2), then Action Invoked. */
const toolTurn = (first: string, last: string): Step[] => [started, ...text(first, 'Let me look'), ...toolCall(first + '-call', 'get_weather', first), toolResult(first + '-call', first + '-tool', '{"temp":12}'), ...text(last, 'It is 12 degrees'), finished()]

function Tracked({ agent, label = 'chat' }: { agent: AbstractAgent; label?: string }) {
  useAgentTracking(agent)
  const { messageCount } = useConversation()
  return <p>{`${label}: ${messageCount} messages`}</p>
}

function consentApp(agent: AbstractAgent, consent: Consent) {
  const analytics = createMemoryAnalytics()
  const errors: string[] = []
  const ui = (value: Consent) => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="c1" userId="u1" consent={value} onError={(error) => errors.push(error.code)}>
        <Tracked agent={agent} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const view = render(ui(consent))
  return { analytics, errors, decide: (value: Consent) => view.rerender(ui(value)) }
}

const EXCHANGE = ['Identify', 'Conversation Started', 'Message Sent', 'Message Received', 'Action Invoked']

test.each([
  ['null', null],
  ['a function whose promise is pending', 'function'],
] as const)('consent %s, then granted: a whole turn (question, streamed reply with a tool call) goes out once, in order, at the grant', async (_, kind) => {
  let grant!: (value: boolean) => void
  const pending = () => new Promise<boolean>((resolve) => (grant = resolve))
  const agent = new ScriptedAgent([toolTurn('a1', 'a2')])
  const { analytics, errors, decide } = consentApp(agent, kind === 'function' ? pending : null)
  await run(agent, 'q1', 'Weather?')
  expect(analytics.calls).toEqual([])
  if (kind === 'function') await act(async () => grant(true))
  else decide(true)
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  const [, sent, received, action] = tracks(analytics.calls)
  expect(sent[1]).toMatchObject({ messageId: 'q1', message_body: 'Weather?' })
  expect(received[1]).toMatchObject({ messageId: 'a2', reply_status: 'complete' })
  expect(action[1]).toMatchObject({ messageId: 'a2', type: 'get_weather', tool_call_id: 'a1-call' })
  await tick(10)
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  expect(screen.getByText('chat: 2 messages')).toBeTruthy()
  expect(errors).toEqual([])
})

test('consent pending, then denied: nothing sent, no error; granted later, only the turn after the grant is sent, as a whole stream', async () => {
  const agent = new ScriptedAgent([toolTurn('a1', 'a2'), toolTurn('b1', 'b2')])
  const { analytics, errors, decide } = consentApp(agent, null)
  await run(agent, 'q1', 'Weather?')
  decide(false)
  await tick()
  expect(analytics.calls).toEqual([])
  expect(screen.getByText('chat: 0 messages')).toBeTruthy()
  decide(true)
  await tick()
  expect(analytics.calls).toEqual([])
  await run(agent, 'q2', 'And tomorrow?')
  expect(rows(analytics.calls)).toEqual(EXCHANGE)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId ?? null])).toEqual([
    ['Conversation Started', null],
    ['Message Sent', 'q2'],
    ['Message Received', 'b2'],
    ['Action Invoked', 'b2'],
  ])
  expect(screen.getByText('chat: 2 messages')).toBeTruthy()
  expect(errors).toEqual([])
})

// ---- Server rendering, then hydration ----

const history: Message[] = [
  { id: 'h1', role: 'user', content: 'Earlier question' },
  { id: 'h2', role: 'assistant', content: 'Earlier answer' },
]

const SsrApp = ({ analytics, agent }: { analytics: MemoryAnalytics; agent: AbstractAgent }) => (
  <StrictMode>
    <CopilotAnalyticsProvider analytics={analytics} conversationId="ssr1">
      <Tracked agent={agent} />
    </CopilotAnalyticsProvider>
  </StrictMode>
)

test('server rendering then hydration: nothing sent on the server, the restored thread not sent on the client, a new turn sent once', async () => {
  const agent = new ScriptedAgent([reply('a1', 'Fresh answer')], { initialMessages: history })
  const { client, container, consoleError, unmount } = await renderOnServerThenHydrate((analytics, side) => (
    <SsrApp analytics={analytics} agent={side === 'server' ? new ScriptedAgent([], { initialMessages: history }) : agent} />
  ))
  await tick()
  expect(consoleError).not.toHaveBeenCalled()
  expect(client.calls).toEqual([])
  expect(container.textContent).toBe('chat: 2 messages')
  await run(agent, 'q1', 'New question')
  expect(tracks(client.calls).map(([event, p]) => [event, p.messageId])).toEqual([
    ['Message Sent', 'q1'],
    ['Message Received', 'a1'],
  ])
  expect(container.textContent).toBe('chat: 4 messages')
  unmount()
})

// ---- Two providers on one page ----

test('two providers, two agents on the same thread id, runs interleaved: each conversation once, in its own client', async () => {
  const left = createMemoryAnalytics()
  const right = createMemoryAnalytics()
  const leftGo = gate()
  const rightGo = gate()
  const leftAgent = new ScriptedAgent([[started, ...text('L1', 'Left'), { wait: leftGo.wait }, finished()], toolTurn('L2', 'L3')])
  const rightAgent = new ScriptedAgent([[started, ...text('R1', 'Right'), { wait: rightGo.wait }, finished()]])
  render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={left} conversationId="left-c">
        <Tracked agent={leftAgent} label="left" />
      </CopilotAnalyticsProvider>
      <CopilotAnalyticsProvider analytics={right} conversationId="right-c">
        <Tracked agent={rightAgent} label="right" />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  let leftDone!: Promise<unknown>
  let rightDone!: Promise<unknown>
  act(() => void (leftDone = send(leftAgent, 'lq1', 'Left question')))
  await tick(5)
  act(() => void (rightDone = send(rightAgent, 'rq1', 'Right question')))
  await tick(5)
  await act(() => rightGo.open())
  await act(() => rightDone)
  await act(() => leftGo.open())
  await act(() => leftDone)
  await tick()
  await run(leftAgent, 'lq2', 'Left follow-up')
  const summary = (calls: MemoryCall[]) => tracks(calls).map(([event, p]) => [event, p.conversationId, p.messageId ?? null])
  expect(summary(left.calls)).toEqual([
    ['Conversation Started', 'left-c', null],
    ['Message Sent', 'left-c', 'lq1'],
    ['Message Received', 'left-c', 'L1'],
    ['Message Sent', 'left-c', 'lq2'],
    ['Message Received', 'left-c', 'L3'],
    ['Action Invoked', 'left-c', 'L3'],
  ])
  expect(summary(right.calls)).toEqual([
    ['Conversation Started', 'right-c', null],
    ['Message Sent', 'right-c', 'rq1'],
    ['Message Received', 'right-c', 'R1'],
  ])
})

// ---- Suspense ----

test('the chat view suspends mid-run (a lazy card shown beside it) and the run ends while it is hidden: the reply once, when the view resumes', async () => {
  const analytics = createMemoryAnalytics()
  const go = gate()
  const cardLoaded = gate()
  const Card = lazy(async () => {
    await cardLoaded.wait
    return { default: () => <b>card</b> }
  })
  const agent = new ScriptedAgent([[started, ...text('a1', 'Looking'), { wait: go.wait }, ...toolCall('a1-call', 'get_weather', 'a1'), toolResult('a1-call', 'a1-tool', '{}'), ...text('a2', 'Done'), finished()]])
  let showCard!: () => void
  function View() {
    const [card, setCard] = useState(false)
    showCard = () => setCard(true)
    return (
      <>
        <Tracked agent={agent} />
        {card && <Card />}
      </>
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
  let done!: Promise<unknown>
  act(() => void (done = send(agent, 'q1', 'Weather?')))
  await tick(5)
  act(() => showCard())
  await screen.findByText('loading card')
  await act(() => go.open())
  await act(() => done)
  await tick(20)
  expect(rows(analytics.calls)).toEqual(['Conversation Started', 'Message Sent'])
  await act(async () => cardLoaded.open())
  await screen.findByText('card')
  await tick(20)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', null, null],
    ['Message Sent', 'q1', null],
    ['Message Received', 'a2', 'complete'],
    ['Action Invoked', 'a2', null],
  ])
})

test('the chat view suspends mid-run, the run ends while it is hidden, and the view unmounts for good before it shows again: the reply once, with its final text and its tool call', async () => {
  const analytics = createMemoryAnalytics()
  const go = gate()
  const Card = lazy(() => new Promise<{ default: () => null }>(() => {})) // never loads: the user leaves first
  const agent = new ScriptedAgent([[started, ...text('a1', 'Looking'), { wait: go.wait }, ...toolCall('a1-call', 'get_weather', 'a1'), toolResult('a1-call', 'a1-tool', '{}'), ...text('a2', 'Done'), finished()]])
  let showCard!: () => void
  let leave!: () => void
  function View() {
    const [card, setCard] = useState(false)
    showCard = () => setCard(true)
    return (
      <>
        <Tracked agent={agent} />
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
  let done!: Promise<unknown>
  act(() => void (done = send(agent, 'q1', 'Weather?')))
  await tick(5)
  act(() => showCard())
  await screen.findByText('loading card')
  await act(() => go.open())
  await act(() => done)
  await tick(20)
  act(() => leave())
  await tick(20)
  expect(tracks(analytics.calls).map(([event, p]) => [event, p.messageId ?? null, p.message_body ?? null, p.reply_status ?? null])).toEqual([
    ['Conversation Started', null, null, null],
    ['Message Sent', 'q1', 'Weather?', null],
    ['Message Received', 'a2', 'Looking\nDone', 'complete'],
    ['Action Invoked', 'a2', null, null],
  ])
})
