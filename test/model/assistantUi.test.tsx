import { StrictMode } from 'react'
import { act, render } from '@testing-library/react'
import fc from 'fast-check'
import { expect, test, vi } from 'vitest'
import {
  AssistantRuntimeProvider,
  useAui,
  useLocalRuntime,
  type AssistantClient,
  type ChatModelRunResult,
  type ThreadMessage,
} from '@assistant-ui/react'
import { CopilotAnalyticsProvider, type CopilotAnalyticsError } from '../../src/entries'
import { useAssistantTracking } from '../../src/entries/assistant-ui'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { scriptedModel } from '../assistant-ui/scriptedModel'
import { takeViolations } from '../conformance'
import { RUNS, seedFor, wire, type WireTrack } from './shared'

// Adversarial model test of the assistant-ui adapter: random sequences drive the real local runtime
// (send, stream chunk by chunk, stop, regenerate, switch branches, remount the thread view, errors,
// tool calls), with a model whose chunks the test releases. The reference is the runtime's own
// repository at the end (every branch, `thread.export()`): each message in it is sent exactly once,
// with its final text and status, each finished tool call is one Action Invoked, and nothing else is.
// Real timers and a real runtime make a sequence slower than the AI SDK model's: it runs a 25th of
// MODEL_RUNS (40 by default, 800 under `npm run test:soak`).
const RUNS_HERE = Math.max(10, Math.round(RUNS / 25))

type Kind = 'text' | 'tool' | 'toolError' | 'error'
type Op =
  | { type: 'send' | 'regenerate'; kind: Kind; words: number }
  | { type: 'chunks'; n: number }
  | { type: 'finish' | 'stop' | 'remountView' | 'wait' }
  | { type: 'branch'; position: 'previous' | 'next' }

const kind = fc.constantFrom<Kind>('text', 'text', 'tool', 'toolError', 'error')
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('send' as const), kind, words: fc.integer({ min: 1, max: 3 }) }), weight: 5 },
  { arbitrary: fc.record({ type: fc.constant('chunks' as const), n: fc.integer({ min: 1, max: 3 }) }), weight: 5 },
  { arbitrary: fc.constant({ type: 'finish' as const }), weight: 4 },
  { arbitrary: fc.constant({ type: 'stop' as const }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('regenerate' as const), kind, words: fc.integer({ min: 1, max: 3 }) }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('branch' as const), position: fc.constantFrom<'previous' | 'next'>('previous', 'next') }), weight: 2 },
  fc.constant({ type: 'remountView' as const }),
  { arbitrary: fc.constant({ type: 'wait' as const }), weight: 2 },
)

/** A reply the model streams, one released chunk at a time. */
interface Stream {
  allowed: number
  wake?: () => void
}

let serial = 0
function steps(kindOf: Kind, words: number): (ChatModelRunResult | 'throw')[] {
  const n = ++serial
  const texts = Array.from({ length: words }, (_, i) => Array.from({ length: i + 1 }, (_, j) => `w${n}.${j}`).join(' '))
  const tool = { type: 'tool-call' as const, toolCallId: 'tc' + n, toolName: kindOf === 'toolError' ? 'lookup' : 'weather', args: {}, argsText: '{}' }
  const done = { ...tool, result: kindOf === 'toolError' ? 'not found' : { temperature: 21 }, isError: kindOf === 'toolError' }
  if (kindOf === 'tool' || kindOf === 'toolError') return [{ content: [tool] }, { content: [done] }, ...texts.map((text): ChatModelRunResult => ({ content: [done, { type: 'text', text }] }))]
  const streamed = texts.map((text): ChatModelRunResult => ({ content: [{ type: 'text', text }] }))
  return kindOf === 'error' ? [...streamed, 'throw'] : streamed
}

const settle = (ms = 8) => act(() => new Promise((resolve) => setTimeout(resolve, ms)))
const textOf = (message: ThreadMessage) => message.content.flatMap((part) => (part.type === 'text' && part.text ? [part.text] : [])).join('\n')

let sequences = 0
async function run(ops: Op[]) {
  sequences++
  // A conversation per sequence: the tracker's exactly-once keys outlive a sequence within the test.
  const conversationId = 'model-' + sequences
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const planned: { kind: Kind; words: number }[] = []
  let stream: Stream | undefined
  const model = scriptedModel(() => {
    const { kind: k, words } = planned.shift() ?? { kind: 'text', words: 1 }
    const plan = steps(k, words)
    const mine: Stream = { allowed: 0 }
    stream = mine
    return async function* ({ abortSignal }) {
      for (const step of plan) {
        while (mine.allowed <= 0) {
          if (abortSignal.aborted) return
          await new Promise<void>((resolve) => {
            mine.wake = resolve
            abortSignal.addEventListener('abort', () => resolve(), { once: true })
          })
        }
        if (abortSignal.aborted) return
        mine.allowed--
        if (step === 'throw') throw new Error('model failed')
        yield step
      }
    }
  })
  const release = (n: number) => {
    if (!stream) return
    stream.allowed += n
    stream.wake?.()
  }
  const current: { aui?: AssistantClient } = {}
  function Runtime({ viewKey }: { viewKey: number }) {
    const runtime = useLocalRuntime(model)
    return (
      <AssistantRuntimeProvider runtime={runtime}>
        <View key={viewKey} />
      </AssistantRuntimeProvider>
    )
  }
  function View() {
    useAssistantTracking({ settleMs: 5 })
    current.aui = useAui()
    return null
  }
  let viewKey = 0
  const app = () => (
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId={conversationId} onError={(error) => errors.push(error)}>
        <Runtime viewKey={viewKey} />
      </CopilotAnalyticsProvider>
    </StrictMode>
  )
  const screen = render(app())
  const aui = () => current.aui!
  const state = () => aui().thread.getState()
  await settle()
  for (const step of ops) {
    const idle = !state().isRunning
    switch (step.type) {
      case 'send':
        if (!idle) break
        planned.push(step)
        act(() => aui().thread.append('q' + ++serial))
        break
      case 'chunks':
        release(step.n)
        break
      case 'finish':
        release(Infinity)
        break
      case 'stop':
        if (!idle) act(() => aui().thread.cancelRun())
        break
      case 'regenerate': {
        const index = state().messages.length - 1
        if (!idle || state().messages[index]?.role !== 'assistant') break
        planned.push(step)
        act(() => aui().thread.message({ index }).reload())
        break
      }
      case 'branch': {
        // Only a branch that exists: the runtime throws on 'previous' from the first one.
        const index = state().messages.findIndex((message) => message.branchCount > 1)
        if (!idle || index < 0) break
        const { branchNumber, branchCount } = aui().thread.message({ index }).getState()
        if (step.position === 'previous' ? branchNumber > 1 : branchNumber < branchCount) act(() => aui().thread.message({ index }).switchToBranch({ position: step.position }))
        break
      }
      case 'remountView':
        viewKey++
        screen.rerender(app())
        break
      case 'wait':
        await settle(20)
        break
    }
    await settle()
  }
  // Let the last reply finish, then close the view for good.
  release(Infinity)
  // A generous timeout: on a loaded 2-core machine a run can take a while to wind down.
  await vi.waitFor(() => expect(state().isRunning).toBe(false), { timeout: 10_000 })
  await settle(30)
  const repository = aui().thread.export()
  screen.unmount()
  await settle(30)
  check(wire(analytics), repository.messages.map((item) => item.message), errors)
  expect(takeViolations(), 'calls that break the spec schema').toEqual([])
}

function check(tracks: WireTrack[], messages: readonly ThreadMessage[], errors: CopilotAnalyticsError[]) {
  const seen = new Set<string>()
  for (const track of tracks) {
    const key = [track.event, track.props.messageId, track.props.tool_call_id].join('|')
    expect(seen.has(key), 'sent twice: ' + key).toBe(false)
    seen.add(key)
  }
  const users = messages.filter((message) => message.role === 'user')
  const replies = messages.filter((message) => message.role === 'assistant')
  const at = (event: string, id: unknown) => tracks.findIndex((t) => t.event === event && t.props.messageId === id)
  expect(tracks.filter((t) => t.event === 'Conversation Started').length).toBe(users.length ? 1 : 0)
  if (users.length) expect(tracks[0].event).toBe('Conversation Started')
  // Every user message, on every branch, once, with its text.
  expect(new Map(tracks.filter((t) => t.event === 'Message Sent').map((t) => [t.props.messageId, t.props.message_body]))).toEqual(new Map(users.map((m) => [m.id, textOf(m)])))
  // Every reply, on every branch, once, with its final text and how it ended, after its question.
  expect(new Set(tracks.filter((t) => t.event === 'Message Received').map((t) => t.props.messageId))).toEqual(new Set(replies.map((m) => m.id)))
  for (const reply of replies) {
    const received = tracks[at('Message Received', reply.id)]
    const status = reply.status?.type === 'incomplete' ? (reply.status.reason === 'error' ? 'error' : reply.status.reason === 'cancelled' ? 'aborted' : 'complete') : 'complete'
    expect([received.props.message_body, received.props.reply_status], 'reply ' + reply.id + ' ' + JSON.stringify(reply.status)).toEqual([textOf(reply), status])
    // Its finished tool calls: one Action Invoked each, after it.
    const tools = reply.content.flatMap((part) => (part.type === 'tool-call' && part.result !== undefined ? [part] : []))
    const actions = tracks.filter((t) => t.event === 'Action Invoked' && t.props.messageId === reply.id)
    expect(actions.map((a) => [a.props.tool_call_id, a.props.action])).toEqual(tools.map((tool) => [tool.toolCallId, tool.isError ? 'failed' : 'completed']))
    for (const action of actions) expect(tracks.indexOf(action)).toBeGreaterThan(tracks.indexOf(received))
  }
  expect(tracks.filter((t) => t.event === 'Action Invoked').length).toBe(replies.flatMap((m) => m.content.filter((p) => p.type === 'tool-call' && p.result !== undefined)).length)
  expect(errors.map((error) => error.code)).toEqual([])
}

test(`adversarial model, assistant-ui adapter: ${RUNS_HERE} random sequences on the real local runtime match its repository`, async () => {
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const started = performance.now()
  const seed = seedFor('assistant-ui')
  await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), run), { numRuns: RUNS_HERE, seed })
  expect(sequences).toBeGreaterThanOrEqual(RUNS_HERE)
  console.info(`[model] assistant-ui: ${sequences} sequences in ${Math.round(performance.now() - started)} ms (seed ${seed})`)
}, 1_200_000)
