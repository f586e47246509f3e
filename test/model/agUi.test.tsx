import { StrictMode, useState } from 'react'
import { act, cleanup, render } from '@testing-library/react'
import fc from 'fast-check'
import { expect, test, vi } from 'vitest'
import { AbstractAgent, EventType, type BaseEvent, type RunAgentInput } from '@ag-ui/client'
import { Observable, type Subscriber } from 'rxjs'
import { CopilotAnalyticsProvider, useConversation, type CopilotAnalyticsError } from '../../src/entries'
import { useAgentTracking } from '../../src/entries/ag-ui'
import { createMemoryAnalytics } from '../../src/entries/testing'
import { takeViolations } from '../conformance'
import { RUNS, seedFor, wire } from './shared'

// Adversarial model test of the AG-UI adapter: random sequences drive a real AbstractAgent of
// @ag-ui/client whose runs emit the events this test releases one by one (send, stream, stop, RUN_ERROR,
// a run that breaks off, backend tool calls, frontend tool calls answered and continued, history
// loaded, thread switches, view remounts, end). The wire must hold, per turn of the agent, one
// Message Received under the turn's last assistant message id, with the text the agent holds, its
// status, and one Action Invoked per answered tool call after it; one Message Sent per user message.

type Kind = 'text' | 'tool' | 'frontend' | 'error' | 'fail'
type Op =
  | { type: 'send'; kind: Kind; words: number }
  | { type: 'step'; n: number }
  | { type: 'finish' | 'stop' | 'answer' | 'remount' | 'switchThread' | 'loadHistory' | 'end' }

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('send' as const), kind: fc.constantFrom<Kind>('text', 'text', 'tool', 'frontend', 'error', 'fail'), words: fc.integer({ min: 1, max: 3 }) }), weight: 5 },
  { arbitrary: fc.record({ type: fc.constant('step' as const), n: fc.integer({ min: 1, max: 4 }) }), weight: 5 },
  { arbitrary: fc.constant({ type: 'finish' as const }), weight: 4 },
  { arbitrary: fc.constant({ type: 'stop' as const }), weight: 2 },
  { arbitrary: fc.constant({ type: 'answer' as const }), weight: 2 },
  fc.constantFrom({ type: 'remount' as const }, { type: 'switchThread' as const }, { type: 'loadHistory' as const }, { type: 'end' as const }),
)

/** A real AbstractAgent whose current run emits what the test releases. */
class SteppedAgent extends AbstractAgent {
  script: (BaseEvent | 'throw')[] = []
  pos = 0
  private subscriber?: Subscriber<BaseEvent>
  private input?: RunAgentInput

  run(input: RunAgentInput): Observable<BaseEvent> {
    this.input = input
    return new Observable<BaseEvent>((subscriber) => {
      this.subscriber = subscriber
      return () => (this.subscriber = undefined)
    })
  }
  /** Releases the next `n` steps of the run's script; the whole script ends the run. */
  release(n: number) {
    while (n-- > 0 && this.subscriber && this.pos < this.script.length) {
      const step = this.script[this.pos++]
      if (step === 'throw') return this.subscriber.error(new Error('connection reset'))
      const ids = step.type === EventType.RUN_STARTED || step.type === EventType.RUN_FINISHED ? { threadId: this.input!.threadId, runId: this.input!.runId } : {}
      this.subscriber.next({ ...ids, ...step } as BaseEvent)
    }
    if (this.subscriber && this.pos >= this.script.length) this.subscriber.complete()
  }
  abortRun() {
    this.subscriber?.error(Object.assign(new Error('stopped'), { name: 'AbortError' }))
  }
}

let serial = 0
function plan(kind: Kind | 'continue', words: number): (BaseEvent | 'throw')[] {
  const n = ++serial
  const text = (messageId: string): BaseEvent[] => [
    { type: EventType.TEXT_MESSAGE_START, messageId, role: 'assistant' },
    ...Array.from({ length: words }, (_, i): BaseEvent => ({ type: EventType.TEXT_MESSAGE_CONTENT, messageId, delta: `w${n}.${i} ` })),
    { type: EventType.TEXT_MESSAGE_END, messageId },
  ]
  const call = (toolCallId: string, parentMessageId: string): BaseEvent[] => [
    { type: EventType.TOOL_CALL_START, toolCallId, toolCallName: 'tool' + n, parentMessageId },
    { type: EventType.TOOL_CALL_ARGS, toolCallId, delta: '{}' },
    { type: EventType.TOOL_CALL_END, toolCallId },
  ]
  const started: BaseEvent = { type: EventType.RUN_STARTED }
  const finished: BaseEvent = { type: EventType.RUN_FINISHED }
  switch (kind) {
    case 'text':
    case 'continue':
      return [started, ...text('m' + n), finished]
    case 'tool':
      return [started, ...call('tc' + n, 'am' + n), { type: EventType.TOOL_CALL_RESULT, toolCallId: 'tc' + n, messageId: 'tr' + n, content: 'ok' }, ...text('m' + n), finished]
    case 'frontend':
      return [started, ...text('m' + n), ...call('fc' + n, 'm' + n), finished]
    case 'error':
      return [started, ...text('m' + n).slice(0, -1), { type: EventType.RUN_ERROR, message: 'overloaded' }]
    case 'fail':
      return [started, ...text('m' + n).slice(0, -1), 'throw']
  }
}

interface Turn {
  user: string
  thread: string
  /** How its last run ended, when that decides the status. */
  outcome?: 'complete' | 'aborted' | 'error'
}

const handles = { end: () => {}, remount: () => {} }
function Tracked({ agent }: { agent: SteppedAgent }) {
  useAgentTracking(agent)
  handles.end = useConversation().end
  return null
}
function App({ agent }: { agent: SteppedAgent }) {
  const [key, setKey] = useState(0)
  handles.remount = () => setKey((k) => k + 1)
  return <Tracked key={key} agent={agent} />
}

const settle = () =>
  act(async () => {
    for (let i = 0; i < 6; i++) await new Promise((resolve) => setTimeout(resolve, 0))
  })

let sequences = 0
async function run(ops: Op[]) {
  sequences++
  cleanup()
  sessionStorage.clear()
  takeViolations()
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const agent = new SteppedAgent({ threadId: 'thread-0' })
  const turns: Turn[] = []
  const history = new Set<string>()
  // History loaded before the first question started the conversation (in an earlier session):
  // then no Conversation Started. One loaded later (another thread opened after a question) does not undo it.
  let historyFirst = false
  let threads = 0
  let requested = false
  let failed = false
  let ended = false
  vi.spyOn(console, 'error').mockImplementation(() => {})
  const view = render(
    <StrictMode>
      <CopilotAnalyticsProvider analytics={analytics} conversationId={"model-" + sequences} onError={(error) => errors.push(error)}>
        <App agent={agent} />
      </CopilotAnalyticsProvider>
    </StrictMode>,
  )
  const running = () => agent.isRunning
  const last = () => turns.at(-1)
  /** The last turn waits on a frontend tool. */
  const waiting = () => {
    const users = agent.messages.map((m) => m.role === 'user')
    const messages = agent.messages.slice(users.lastIndexOf(true) + 1)
    const answered = new Set(messages.flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : [])))
    return messages.some((m) => m.role === 'assistant' && m.toolCalls?.some((call) => !answered.has(call.id)))
  }
  const start = (script: (BaseEvent | 'throw')[]) => {
    agent.script = script
    agent.pos = 0
    void agent.runAgent().catch(() => {})
  }
  for (const step of ops) {
    if (ended) break
    switch (step.type) {
      case 'send':
        if (running()) break
        if (last()?.outcome === undefined && last()) last()!.outcome = 'aborted' // left waiting on a tool
        if (!turns.length) historyFirst = history.size > 0
        turns.push({ user: 'u' + ++serial, thread: agent.threadId })
        act(() => {
          agent.addMessage({ id: turns.at(-1)!.user, role: 'user', content: 'question ' + serial })
          start(plan(step.kind, step.words))
        })
        requested = true
        if (step.kind === 'fail') failed = true
        break
      case 'step':
      case 'finish': {
        if (!running()) break
        const fails = agent.script.includes('throw')
        const errs = agent.script.some((e) => e !== 'throw' && e.type === EventType.RUN_ERROR)
        const frontend = agent.script.some((e) => e !== 'throw' && e.type === EventType.TOOL_CALL_START && String(e.toolCallId).startsWith('fc'))
        act(() => agent.release(step.type === 'step' ? step.n : Infinity))
        if (agent.pos >= agent.script.length) last()!.outcome = fails || errs ? 'error' : frontend ? undefined : 'complete'
        break
      }
      case 'stop':
        if (!running()) break
        act(() => agent.abortRun())
        last()!.outcome = 'aborted'
        break
      case 'answer': {
        // The app answers a frontend tool of a reply that ended waiting on it (not one a stop cut short).
        if (running() || !waiting() || last()?.thread !== agent.threadId || last()?.outcome !== undefined) break
        const call = agent.messages.flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []) : [])).at(-1)!
        act(() => {
          agent.addMessage({ id: 'answer-' + call.id, role: 'tool', toolCallId: call.id, content: 'yes' })
          start(plan('continue', 1))
        })
        last()!.outcome = undefined
        break
      }
      case 'remount':
        act(() => handles.remount())
        break
      case 'switchThread':
        if (running()) break
        if (last() && last()!.outcome === undefined) last()!.outcome = 'aborted'
        act(() => {
          agent.threadId = 'thread-' + ++threads
          agent.setMessages([])
        })
        requested = false
        break
      case 'loadHistory':
        if (running() || requested) break
        act(() => {
          const id = 'hist-' + ++serial
          history.add(id + 'q').add(id + 'a')
          agent.setMessages([...agent.messages, { id: id + 'q', role: 'user', content: 'old' }, { id: id + 'a', role: 'assistant', content: 'old answer' }])
        })
        break
      case 'end':
        if (running()) break
        if (last() && last()!.outcome === undefined) last()!.outcome = 'aborted'
        act(() => handles.end())
        ended = true
        break
    }
    await settle()
  }
  // Let the last run finish, then close the chat view for good.
  if (running()) {
    act(() => agent.release(Infinity))
    await settle()
    const final = agent.script
    last()!.outcome = final.includes('throw') || final.some((e) => e !== 'throw' && e.type === EventType.RUN_ERROR) ? 'error' : waiting() ? 'aborted' : 'complete'
  }
  if (last() && last()!.outcome === undefined) last()!.outcome = 'aborted'
  const messagesByThread = new Map<string, typeof agent.messages>([[agent.threadId, agent.messages]])
  view.unmount()
  await settle()
  vi.restoreAllMocks()
  check(wire(analytics), turns, { history, historyFirst, errors, failed, finalThread: agent.threadId, messages: messagesByThread.get(agent.threadId)! })
  expect(takeViolations(), 'calls that break the spec schema').toEqual([])
}

function check(
  tracks: ReturnType<typeof wire>,
  turns: Turn[],
  { history, historyFirst, errors, failed, finalThread, messages }: { history: Set<string>; historyFirst: boolean; errors: CopilotAnalyticsError[]; failed: boolean; finalThread: string; messages: SteppedAgent['messages'] },
) {
  const keys = new Set<string>()
  for (const track of tracks) {
    const key = [track.event, track.props.messageId, track.props.tool_call_id].join('|')
    expect(keys.has(key), 'sent twice: ' + key).toBe(false)
    keys.add(key)
    expect(history.has(track.props.messageId as string), 'history sent: ' + track.props.messageId).toBe(false)
  }
  const sent = tracks.filter((t) => t.event === 'Message Sent')
  expect(sent.map((t) => t.props.messageId), 'one Message Sent per user message, in order').toEqual(turns.map((t) => t.user))
  // Conversation Started once, first; history loaded before the first question started the conversation already.
  expect(tracks.filter((t) => t.event === 'Conversation Started').length, 'Conversation Started').toBe(sent.length && !historyFirst ? 1 : 0)
  if (sent.length && !historyFirst) expect(tracks[0].event).toBe('Conversation Started')
  // The turns of the thread still shown: their reply id, body, status and actions, read off the agent.
  for (const [i, turn] of turns.entries()) {
    if (turn.thread !== finalThread) continue
    const from = messages.findIndex((m) => m.id === turn.user)
    const next = turns[i + 1]?.thread === finalThread ? messages.findIndex((m) => m.id === turns[i + 1].user) : messages.length
    const own = messages.slice(from + 1, next)
    const assistants = own.filter((m) => m.role === 'assistant')
    const received = tracks.filter((t) => t.event === 'Message Received' && assistants.some((m) => m.id === t.props.messageId))
    const where = `turn of ${turn.user}`
    if (!assistants.length) {
      expect(received, where + ': no reply, nothing received').toEqual([])
      continue
    }
    expect(received.map((t) => t.props.messageId), where + ': one reply, under its last assistant id').toEqual([assistants.at(-1)!.id])
    const body = assistants.flatMap((m) => (typeof m.content === 'string' && m.content ? [m.content] : [])).join('\n')
    expect(received[0].props.message_body, where + ': body').toBe(body)
    if (turn.outcome) expect(received[0].props.reply_status, where + ': reply_status').toBe(turn.outcome)
    const at = tracks.indexOf(received[0])
    expect(at, where + ': after its question').toBeGreaterThan(tracks.indexOf(sent[i]))
    if (sent[i + 1]) expect(at, where + ': before the next question').toBeLessThan(tracks.indexOf(sent[i + 1]))
    const answered = new Set(own.flatMap((m) => (m.role === 'tool' ? [m.toolCallId] : [])))
    const calls = assistants.flatMap((m) => (m.role === 'assistant' ? (m.toolCalls ?? []) : []))
    const actions = tracks.filter((t) => t.event === 'Action Invoked' && calls.some((call) => call.id === t.props.tool_call_id))
    expect(actions.map((a) => a.props.tool_call_id).sort(), where + ': one Action Invoked per answered call').toEqual(calls.filter((call) => answered.has(call.id)).map((call) => call.id).sort())
    for (const action of actions) {
      expect(action.props.messageId, where + ': action on its reply').toBe(assistants.at(-1)!.id)
      expect(tracks.indexOf(action), where + ': action after its reply').toBeGreaterThan(at)
    }
  }
  const codes = errors.map((e) => e.code)
  expect(codes.filter((code) => code !== 'invalid_agent'), 'errors').toEqual([])
  if (!failed) expect(codes, 'errors').toEqual([])
}

test(`adversarial model, AG-UI adapter: ${Math.ceil(RUNS / 5)} random sequences on a real @ag-ui/client agent match the reference model`, async () => {
  const started = performance.now()
  const seed = seedFor('ag-ui')
  await fc.assert(fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 16 }), run), { numRuns: Math.ceil(RUNS / 5), seed })
  console.info(`[model] ag-ui: ${sequences} sequences in ${Math.round(performance.now() - started)} ms (seed ${seed})`)
}, 1_200_000)
