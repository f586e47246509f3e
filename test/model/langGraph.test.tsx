import { StrictMode, useState } from 'react'
import { act, cleanup, render } from '@testing-library/react'
import fc from 'fast-check'
import { expect, test, vi } from 'vitest'
import { useStream } from '@langchain/langgraph-sdk/react'
import { CopilotAnalyticsProvider, type CopilotAnalyticsError } from '../../src/entries'
import { useStreamTracking } from '../../src/entries/langgraph'
import { createMemoryAnalytics, resetTrackedKeys } from '../../src/entries/testing'
import { takeViolations } from '../conformance'
import { ai, human, mockLangGraph, tool, type RunStep } from '../langgraph/mockServer'
import { RUNS, drain, modelSpec, seedFor, wire } from './shared'

// Adversarial model test of the LangGraph adapter: random sequences drive the real useStream against
// the in-page LangGraph server, whose run steps the test releases one by one (send, stream, stop,
// errors, tool loops, an interrupt and its resume, restored threads, a new thread, remounts of the
// tracking view). The wire must hold, for every reply seen on screen, exactly one Message Received,
// with its final id and the status its run ended with, and nothing for restored history.

type RunKind = 'text' | 'tool' | 'toolError' | 'error' | 'interrupt'
type Op =
  | { type: 'send'; kind: RunKind; words: number }
  | { type: 'release'; n: number }
  | { type: 'finish' | 'stop' | 'wait' | 'resume' | 'remount' | 'newThread' }
  | { type: 'openSaved'; index: number }

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('send' as const), kind: fc.constantFrom<RunKind>('text', 'text', 'tool', 'toolError', 'error', 'interrupt'), words: fc.integer({ min: 1, max: 3 }) }), weight: 5 },
  { arbitrary: fc.record({ type: fc.constant('release' as const), n: fc.integer({ min: 1, max: 4 }) }), weight: 5 },
  { arbitrary: fc.constant({ type: 'finish' as const }), weight: 3 },
  { arbitrary: fc.constant({ type: 'stop' as const }), weight: 2 },
  { arbitrary: fc.constant({ type: 'wait' as const }), weight: 2 },
  { arbitrary: fc.constant({ type: 'resume' as const }), weight: 2 },
  fc.constantFrom({ type: 'remount' as const }, { type: 'newThread' as const }),
  fc.record({ type: fc.constant('openSaved' as const), index: fc.nat(1) }),
)

/** One human turn of this page: its run(s), what was seen of it, and how its last run ended. */
interface Turn {
  human: string
  /** The AI message ids its runs emit, in order. */
  aiIds: string[]
  /** Ids seen in stream.messages after some step. */
  seen: Set<string>
  tools: Map<string, 'completed' | 'failed'>
  /** Waits on an interrupt: resume continues it. */
  interrupted: boolean
  pendingCall?: string
  kind: RunKind
}

let serial = 0

async function run(ops: Op[]) {
  cleanup()
  resetTrackedKeys()
  takeViolations()
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const tickets: (() => void)[] = []
  const ticket = (): RunStep => ({ wait: new Promise<void>((resolve) => tickets.push(resolve)) })
  const turns: Turn[] = []
  let active: Turn | undefined
  // Each step of a run waits for the test to release it.
  const paced = (steps: RunStep[]): RunStep[] => steps.flatMap((step) => [ticket(), step])
  const streamed = (aiId: string, words: number): RunStep[] => {
    const text = Array.from({ length: words }, (_, i) => `${aiId}.${i} `)
    return [...text.map((content): RunStep => ({ chunk: { id: aiId, content } })), { commit: [ai(aiId, text.join(''), { response_metadata: { finish_reason: 'stop' } })] }]
  }
  const planFor = (kind: RunKind, words: number, turn: Turn): RunStep[] => {
    const n = ++serial
    const id = 'ai' + n
    const callId = 'call' + n
    const call = (status?: string): RunStep[] => {
      turn.aiIds.push(id + 'c')
      turn.tools.set(callId, status ? 'failed' : 'completed')
      return [{ commit: [ai(id + 'c', '', { tool_calls: [{ id: callId, name: 'lookup', args: {} }] })] }, { commit: [tool('t' + n, callId, 'result', status ? { status } : {})] }]
    }
    if (kind === 'interrupt') {
      // A tool call committed, then the interrupt: the resume run answers the call.
      turn.aiIds.push(id + 'c')
      turn.pendingCall = callId
      return paced([{ commit: [ai(id + 'c', 'Shall I?', { tool_calls: [{ id: callId, name: 'book', args: {} }] })] }, { event: 'values', data: { __interrupt__: [{ value: 'approve?', id: 'i' + n }] } }])
    }
    const steps = kind === 'tool' ? call() : kind === 'toolError' ? call('error') : []
    turn.aiIds.push(id)
    if (kind === 'error') return paced([{ chunk: { id, content: 'partial' } }, { error: { error: 'Overloaded', message: 'model overloaded' } }])
    return paced([...steps, ...streamed(id, words)])
  }
  let nextPlan: RunStep[] = []
  const server = mockLangGraph({
    threads: { saved0: [human('s0h', 'Old'), ai('s0a', 'Old answer')], saved1: [human('s1h', 'Older'), ai('s1c', '', { tool_calls: [{ id: 's1call', name: 'x', args: {} }] }), tool('s1t', 's1call', 'r'), ai('s1a', 'Older answer')] },
    runs: () => nextPlan,
  })
  // The step that ends a run, for the model: the last commit or error released.
  const handles: { stream?: ReturnType<typeof useStream>; setThread?: (id: string | null) => void; setKey?: (k: number) => void } = {}
  function Tracker({ stream, threadId }: { stream: ReturnType<typeof useStream>; threadId: string | null }) {
    useStreamTracking(stream, { threadId, settleMs: 20 })
    return null
  }
  function Chat() {
    const [threadId, setThread] = useState<string | null>(null)
    const [key, setKey] = useState(0)
    const stream = useStream({ client: server.client, assistantId: 'agent', threadId, onThreadId: setThread })
    Object.assign(handles, { stream, setThread, setKey })
    return <Tracker key={key} stream={stream} threadId={threadId} />
  }
  const view = render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId="lg" spec={modelSpec} onError={(error) => errors.push(error)}>
        <Chat />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  const settle = () =>
    act(async () => {
      for (let i = 0; i < 6; i++) await new Promise((resolve) => setTimeout(resolve, 0))
      await drain()
    })
  const observe = () => {
    const ids = new Set(handles.stream!.messages.map((m) => m.id))
    for (const turn of turns) for (const id of turn.aiIds) if (ids.has(id)) turn.seen.add(id)
  }
  let remountKey = 0
  await settle()
  for (const step of ops) {
    const stream = handles.stream!
    switch (step.type) {
      case 'send':
        if (stream.isLoading || active?.interrupted) break
        {
          const turn: Turn = { human: 'h' + ++serial, aiIds: [], seen: new Set(), tools: new Map(), interrupted: false, kind: step.kind }
          nextPlan = planFor(step.kind, step.words, turn)
          turns.push(turn)
          active = turn
          act(() => void stream.submit({ messages: [human(turn.human, 'question')] }))
        }
        break
      case 'resume':
        if (stream.isLoading || !active?.interrupted || !active.pendingCall) break
        {
          const turn = active
          const callId = turn.pendingCall!
          const id = 'ai' + ++serial
          turn.interrupted = false
          turn.pendingCall = undefined
          turn.tools.set(callId, 'completed')
          turn.aiIds.push(id)
          nextPlan = paced([{ commit: [tool('t' + serial, callId, 'booked')] }, ...streamed(id, 1)])
          act(() => void stream.submit(null, { command: { resume: 'yes' } }))
        }
        break
      case 'release':
        await act(async () => {
          for (let i = 0; i < step.n; i++) {
            tickets.shift()?.()
            await drain()
          }
        })
        break
      case 'finish':
        while (tickets.length) {
          await act(async () => {
            tickets.shift()?.()
            await drain()
          })
          await settle()
        }
        break
      case 'stop':
        if (stream.isLoading) await act(() => stream.stop())
        break
      case 'wait':
        await act(() => new Promise((resolve) => setTimeout(resolve, 40)))
        break
      case 'remount':
        act(() => handles.setKey!(++remountKey))
        break
      // Another thread: the active turn cannot be resumed from there.
      case 'newThread':
        active = undefined
        act(() => handles.setThread!(null))
        break
      case 'openSaved':
        active = undefined
        act(() => handles.setThread!('saved' + step.index))
        break
    }
    await settle()
    observe()
    // A run whose stream is over (released to the end, stopped, errored) leaves the active turn waiting only on an interrupt.
    if (active?.pendingCall && !handles.stream!.isLoading && !tickets.length && handles.stream!.interrupts.length) active.interrupted = true
  }
  // The end of the session: every run released to the end, the settle delays over, the view gone.
  while (tickets.length) {
    await act(async () => {
      tickets.shift()?.()
      await drain()
    })
    await settle()
    observe()
  }
  await act(() => new Promise((resolve) => setTimeout(resolve, 40)))
  view.unmount()
  await settle()

  const calls = wire(analytics)
  expect(takeViolations()).toEqual([])
  expect(errors.map((error) => error.code)).toEqual([])
  const received = calls.filter((call) => call.event === 'Message Received')
  const sentIds = calls.filter((call) => call.event === 'Message Sent').map((call) => call.props.messageId)
  // Never twice, never history.
  expect(new Set(sentIds).size).toBe(sentIds.length)
  expect(new Set(received.map((call) => call.props.messageId)).size).toBe(received.length)
  for (const call of calls) expect(String(call.props.messageId ?? ''), 'restored history was sent').not.toMatch(/^s[01]/)
  expect(calls.filter((call) => call.event === 'Conversation Started').length).toBeLessThanOrEqual(1)
  if (calls.some((call) => call.event === 'Conversation Started')) expect(calls[0].event).toBe('Conversation Started')
  for (const turn of turns) {
    const replies = received.filter((call) => turn.aiIds.includes(call.props.messageId as string))
    // A reply seen on screen is reported exactly once; one never seen at most once.
    if (turn.seen.size) expect(replies, `turn ${turn.human} (${[...turn.seen]})`).toHaveLength(1)
    else expect(replies.length).toBeLessThanOrEqual(1)
    if (!replies.length) continue
    const reply = replies[0]
    // Its Message Sent came first (a human message the server echoed), and its actions right after it.
    if (sentIds.includes(turn.human)) expect(calls.findIndex((call) => call.props.messageId === turn.human)).toBeLessThan(calls.indexOf(reply))
    const index = calls.indexOf(reply)
    const actions = calls.slice(index + 1).filter((call, i, rest) => call.event === 'Action Invoked' && rest.slice(0, i).every((c) => c.event === 'Action Invoked'))
    for (const action of actions) {
      expect(action.props.messageId).toBe(reply.props.messageId)
      expect(turn.tools.get(action.props.tool_call_id as string)).toBe(action.props.action)
    }
    const lastId = turn.aiIds.at(-1)
    if (reply.props.messageId === lastId && turn.seen.has(lastId!) && turn.kind !== 'error' && reply.props.reply_status === 'complete') {
      // A reply that reached its answer reports every tool call its runs answered.
      expect(actions.map((action) => action.props.tool_call_id).sort()).toEqual([...turn.tools.keys()].sort())
    }
    if (turn.kind === 'error') expect(['error', 'aborted']).toContain(reply.props.reply_status)
  }
  const all = calls.filter((call) => call.event === 'Action Invoked').map((call) => call.props.tool_call_id)
  expect(new Set(all).size).toBe(all.length)
}

test('model: useStream runs, stops, errors, tool loops, interrupts, threads and remounts: every reply seen is sent once, history never', async () => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  vi.spyOn(console, 'warn').mockImplementation(() => {})
  // Real timers (the SDK streams through them): fewer sequences than the other model tests.
  const runs = Math.min(RUNS, Number(process.env.MODEL_RUNS_LANGGRAPH ?? 80))
  await fc.assert(
    fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), (ops) => run(ops)),
    { numRuns: runs, seed: seedFor('langGraph.test.tsx'), endOnFailure: true },
  )
}, 600_000)
