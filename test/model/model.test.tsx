import { Fragment, StrictMode } from 'react'
import { act, render } from '@testing-library/react'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import { CopilotAnalyticsProvider, TrackedMessage, useConversation, useFeedback, type CopilotAnalyticsError } from '../../src/entries'
import { createKeyStore, type KeyStore } from '../../src/entries/core'
import { createMemoryAnalytics, type MemoryAnalytics } from '../../src/entries/testing'

// Model-based test: random sequences of chat operations run against the React API, and the calls the
// client records must equal what a small reference model of the spec predicts - every event exactly
// once, in order, across streaming, remounts, StrictMode, reloads, end() and consent changes.
// `npm test` runs MODEL_RUNS (default 1000) sequences; `npm run test:soak` runs many more.
const RUNS = Number(process.env.MODEL_RUNS ?? 1000)
const SEED = process.env.MODEL_SEED === undefined ? undefined : Number(process.env.MODEL_SEED)

type Consent = boolean | null
type Op =
  | { type: 'send' }
  | { type: 'stream' }
  | { type: 'token' | 'complete' | 'rename' | 'remountMessage'; pick: number }
  | { type: 'feedback'; pick: number; rating: number }
  | { type: 'remountProvider' | 'strictMode' | 'reload' | 'end' }
  | { type: 'consent'; value: Consent }

const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.constant({ type: 'send' as const }), weight: 3 },
  { arbitrary: fc.constant({ type: 'stream' as const }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constantFrom('token' as const, 'complete' as const), pick: fc.nat(9) }), weight: 4 },
  fc.record({ type: fc.constantFrom('rename' as const, 'remountMessage' as const), pick: fc.nat(9) }),
  { arbitrary: fc.record({ type: fc.constant('feedback' as const), pick: fc.nat(9), rating: fc.constantFrom(-1, 1, 5) }), weight: 2 },
  fc.record({ type: fc.constantFrom('remountProvider' as const, 'strictMode' as const, 'reload' as const, 'end' as const) }),
  { arbitrary: fc.record({ type: fc.constant('consent' as const), value: fc.constantFrom<Consent>(true, null, false) }), weight: 2 },
)

interface Message {
  id: string
  role: 'user' | 'assistant'
  body: string
  status: 'streaming' | 'complete'
  nonce: number
}
type Expected = { event: string; messageId?: string; message_body?: string; rating?: number; message_count?: number }

/**
 * The reference model: what the spec says must reach the client. A call made while consent is denied
 * changes nothing (no key, no state); calls held while it is pending are undone if it is then denied.
 */
class Model {
  started = false
  ended = false
  count = 0
  sent = new Set<string>()
  ratings = new Map<string, number>()
  queue: Expected[] = []
  delivered: Expected[] = []
  saved?: Pick<Model, 'started' | 'ended' | 'count' | 'sent' | 'ratings'>
  constructor(public consent: Consent) {
    if (consent === null) this.save()
  }
  /** What a denial restores: the state before the first held call. */
  save() {
    this.saved = { started: this.started, ended: this.ended, count: this.count, sent: new Set(this.sent), ratings: new Map(this.ratings) }
  }
  emit(event: Expected) {
    if (this.consent === true) this.delivered.push(event)
    else if (this.consent === null) this.queue.push(event)
  }
  setConsent(value: Consent) {
    if (value === null && this.consent !== null) this.save()
    if (value === false && this.consent === null) Object.assign(this, this.saved)
    this.consent = value
    if (value !== null) this.delivered.push(...(value ? this.queue : []))
    if (value !== null) this.queue = []
  }
  /** Every message mounts again (a provider remount, a reload): a complete one not yet sent is tracked now. */
  remounted(messages: Message[]) {
    for (const m of messages) this.completed(m)
  }
  completed(m: Message) {
    if (m.status !== 'complete' || this.sent.has(m.id) || this.consent === false) return
    this.sent.add(m.id)
    if (m.role === 'user' && !this.started) (this.started = true), this.emit({ event: 'Conversation Started' })
    this.count++
    this.emit({ event: m.role === 'user' ? 'Message Sent' : 'Message Received', messageId: m.id, message_body: m.body })
  }
  feedback(id: string, rating: number) {
    if (this.ratings.get(id) === rating || this.consent === false) return
    this.ratings.set(id, rating)
    this.emit({ event: 'Feedback Submitted', messageId: id, rating })
  }
  end() {
    if (!this.started || this.ended || this.consent === false) return
    this.ended = true
    this.emit({ event: 'Conversation Ended', message_count: this.count })
  }
}

const handles = { end: () => {}, feedback: new Map<string, (rating: number) => void>() }
function Rating({ id }: { id: string }) {
  handles.feedback.set(id, useFeedback(id).submit)
  return null
}
function Ender() {
  handles.end = useConversation().end
  return null
}

interface View {
  messages: Message[]
  consent: Consent
  strict: boolean
  providerKey: number
  store: KeyStore
}
function Chat({ view, analytics, onError }: { view: View; analytics: MemoryAnalytics; onError: (e: CopilotAnalyticsError) => void }) {
  const provider = (
    // keyStore is handed to the tracker like every provider prop: a new store over the same storage is a reload.
    <CopilotAnalyticsProvider key={view.providerKey} analytics={analytics} conversationId="model" consent={view.consent} onError={onError} {...({ keyStore: view.store } as object)}>
      {view.messages.map((m) => (
        <Fragment key={m.id + ':' + m.nonce}>
          <TrackedMessage id={m.id} role={m.role} body={m.body} status={m.status} />
          {m.status === 'complete' && <Rating id={m.id} />}
        </Fragment>
      ))}
      <Ender />
    </CopilotAnalyticsProvider>
  )
  return view.strict ? <StrictMode>{provider}</StrictMode> : provider
}

const recorded = (analytics: MemoryAnalytics): Expected[] =>
  analytics.calls.map((call) => {
    if (call.type !== 'track') return { event: 'Identify' }
    const { messageId, message_body, rating, message_count } = call.properties as Expected
    return JSON.parse(JSON.stringify({ event: call.event, messageId, message_body, rating, message_count }))
  })

let sequences = 0

async function run(initialConsent: Consent, strict: boolean, ops: Op[]) {
  sequences++
  sessionStorage.clear()
  const newStore = () => createKeyStore({ storage: sessionStorage, storageKey: 'model-test' })
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const model = new Model(initialConsent)
  const view: View = { messages: [], consent: initialConsent, strict, providerKey: 0, store: newStore() }
  let nextId = 0
  let screen = render(<Chat view={view} analytics={analytics} onError={(e) => errors.push(e)} />)
  const update = () => screen.rerender(<Chat view={{ ...view, messages: view.messages.map((m) => ({ ...m })) }} analytics={analytics} onError={(e) => errors.push(e)} />)
  const streaming = () => view.messages.filter((m) => m.status === 'streaming')
  const complete = () => view.messages.filter((m) => m.status === 'complete')

  for (const step of ops) {
    switch (step.type) {
      case 'send': {
        const m: Message = { id: 'm' + ++nextId, role: 'user', body: 'question ' + nextId, status: 'complete', nonce: 0 }
        view.messages.push(m)
        update()
        model.completed(m)
        break
      }
      case 'stream':
        view.messages.push({ id: 'tmp' + ++nextId, role: 'assistant', body: '', status: 'streaming', nonce: 0 })
        update()
        break
      case 'token':
      case 'complete':
      case 'rename': {
        const m = streaming()[step.pick % Math.max(1, streaming().length)]
        if (!m) break
        if (step.type === 'token') m.body += 'tok' + step.pick + ' '
        if (step.type === 'rename') m.id = 'm' + ++nextId // the AI SDK swaps a client id for the server's
        if (step.type === 'complete') m.status = 'complete'
        update()
        model.completed(m)
        break
      }
      case 'remountMessage': {
        const m = view.messages[step.pick % Math.max(1, view.messages.length)]
        if (m) m.nonce++
        update()
        if (m) model.completed(m)
        break
      }
      case 'feedback': {
        const m = complete()[step.pick % Math.max(1, complete().length)]
        if (!m) break
        act(() => handles.feedback.get(m.id)!(step.rating))
        model.feedback(m.id, step.rating)
        break
      }
      case 'end':
        act(() => handles.end())
        model.end()
        break
      case 'remountProvider':
        view.providerKey++
        update()
        model.remounted(view.messages)
        break
      case 'strictMode':
        view.strict = !view.strict
        update()
        model.remounted(view.messages)
        break
      case 'consent':
        view.consent = step.value
        update()
        model.setConsent(step.value)
        break
      case 'reload':
        screen.unmount()
        await Promise.resolve() // the key store writes to storage in a microtask, before any reload can happen
        view.store = newStore()
        // Events waiting for consent live in memory: a reload drops them, and the keys they claimed
        // stay (documented), so a denial after the reload undoes only what was held since.
        model.queue = []
        if (model.consent === null) model.save()
        screen = render(<Chat view={view} analytics={analytics} onError={(e) => errors.push(e)} />)
        model.remounted(view.messages)
        break
    }
  }
  screen.unmount()
  expect(errors).toEqual([])
  expect(recorded(analytics)).toEqual(model.delivered)
}

test(`model-based: ${RUNS} random operation sequences match the reference model`, async () => {
  const started = performance.now()
  await fc.assert(
    fc.asyncProperty(fc.constantFrom<Consent>(true, true, null, false), fc.boolean(), fc.array(op, { minLength: 1, maxLength: 30 }), run),
    { numRuns: RUNS, seed: SEED },
  )
  expect(sequences).toBeGreaterThanOrEqual(RUNS)
  if (process.env.MODEL_VERBOSE) console.info(`[model] ${sequences} sequences in ${Math.round(performance.now() - started)} ms`)
}, 600_000)
