import { Fragment, StrictMode } from 'react'
import { act, cleanup, render } from '@testing-library/react'
import fc from 'fast-check'
import { expect, test } from 'vitest'
import {
  CopilotAnalyticsProvider,
  TrackedMessage,
  redactPII,
  useConversation,
  useCopilotAnalytics,
  useFeedback,
  type Consent,
  type CopilotAnalyticsError,
} from '../../src/entries'
import { createKeyStore, type KeyStore } from '../../src/entries/core'
import { createMemoryAnalytics, type MemoryAnalytics } from '../../src/entries/testing'
import { takeViolations } from '../conformance'
import {
  CALL_KEYS,
  MAX_BODY_BYTES,
  PROVIDER_KEYS,
  RUNS,
  bodyText,
  build,
  canon,
  drain,
  expectedBody,
  hostileBag,
  modelSpec,
  safePart,
  seedFor,
  wire,
  type HostileBag,
} from './shared'

// Adversarial model test of the hand-rendered React API: random sequences of chat operations, consent
// and identity changes, remounts, page hide and hostile values run against <CopilotAnalyticsProvider>,
// and the calls the client records must equal what a small reference model of DESIGN.md predicts:
// every event exactly once, in order, nothing thrown, bad values left out and reported, the rest sent.

type ConsentKind = 'true' | 'false' | 'null' | 'fnTrue' | 'fnFalse' | 'fnNull' | 'fnPromise'
type Outcome = boolean | null | 'reject'
const USERS = [null, 'u1@mail.test', 'u2@mail.test'] as const
type User = (typeof USERS)[number]

type Op =
  | { type: 'send'; text: string; parts: boolean; bag?: HostileBag }
  | { type: 'stream' }
  | { type: 'token' | 'complete' | 'rename' | 'remountMessage'; pick: number }
  | { type: 'feedback'; pick: number; rating: number }
  | { type: 'remountProvider' | 'rewrap' | 'reload' | 'end' | 'pagehide' | 'closeApp' }
  | { type: 'consent'; kind: ConsentKind }
  | { type: 'settleConsent'; pick: number; outcome: Outcome }
  | { type: 'user'; value: User }
  | { type: 'providerProperties'; bag?: HostileBag }
  | { type: 'custom'; bag: HostileBag }
  | { type: 'flags'; endOnUnmount: boolean; endOnPageHide: boolean }
  | { type: 'sideSend' }

const consentKind = fc.constantFrom<ConsentKind>('true', 'false', 'null', 'fnTrue', 'fnFalse', 'fnNull', 'fnPromise')
const op: fc.Arbitrary<Op> = fc.oneof(
  { arbitrary: fc.record({ type: fc.constant('send' as const), text: bodyText, parts: fc.boolean(), bag: fc.option(hostileBag(CALL_KEYS), { nil: undefined, freq: 3 }) }), weight: 4 },
  { arbitrary: fc.constant({ type: 'stream' as const }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constantFrom('token' as const, 'complete' as const), pick: fc.nat(9) }), weight: 3 },
  fc.record({ type: fc.constantFrom('rename' as const, 'remountMessage' as const), pick: fc.nat(9) }),
  fc.record({ type: fc.constant('feedback' as const), pick: fc.nat(9), rating: fc.constantFrom(-1, 1, 5) }),
  { arbitrary: fc.record({ type: fc.constantFrom('remountProvider' as const, 'rewrap' as const, 'reload' as const, 'end' as const, 'pagehide' as const, 'closeApp' as const) }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('consent' as const), kind: consentKind }), weight: 3 },
  { arbitrary: fc.record({ type: fc.constant('settleConsent' as const), pick: fc.nat(3), outcome: fc.constantFrom<Outcome>(true, true, false, null, 'reject') }), weight: 2 },
  { arbitrary: fc.record({ type: fc.constant('user' as const), value: fc.constantFrom(...USERS) }), weight: 2 },
  fc.record({ type: fc.constant('providerProperties' as const), bag: fc.option(hostileBag(PROVIDER_KEYS), { nil: undefined }) }),
  fc.record({ type: fc.constant('custom' as const), bag: hostileBag(CALL_KEYS) }),
  fc.constant({ type: 'sideSend' as const }),
  { arbitrary: fc.record({ type: fc.constant('flags' as const), endOnUnmount: fc.boolean(), endOnPageHide: fc.boolean() }), weight: 2 },
)

interface Message {
  id: string
  role: 'user' | 'assistant'
  text: string
  parts: boolean
  status: 'streaming' | 'complete'
  nonce: number
  bag?: HostileBag
  /** Built once, when the message is added: the same live object on every render. */
  properties?: Record<string, unknown>
}
interface Expected {
  event: string
  messageId?: string
  message_body?: string
  message_body_truncated?: true
  rating?: number
  message_count?: number
  custom: string
  identity?: string
}
interface Held {
  event: Expected
  undo: () => void
  bad: boolean
}

/**
 * The reference model: what DESIGN.md says must reach the client. Consent: `true` sends, `null` and a
 * pending promise hold in order, `false` discards; a discarded call claims no exactly-once key and
 * changes no conversation state, so a message denied earlier is sent when it is tracked again (it
 * remounts) after a grant, and the stream after a grant is whole. Identify: before a client's first
 * track call and whenever the identity it holds changes; never twice in a row for the same identity.
 */
class Model {
  started = false
  ended = false
  count = 0
  sent = new Set<string>()
  ratings = new Map<string, number>()
  queue: Held[] = []
  delivered: Expected[] = []
  /** Completed while consent was denied: sent when tracked again under a grant. */
  unsent = new Set<string>()
  user: User = null
  deliveredIdentity?: string
  queuedIdentity?: string
  providerBag?: HostileBag
  everGranted: boolean
  /** A hostile value was part of an event that was sent: onError must have heard of it. */
  badSent = false
  constructor(
    public decision: boolean | null,
    public redact: boolean,
  ) {
    this.everGranted = decision === true
  }
  get identity() {
    return this.queuedIdentity ?? this.deliveredIdentity
  }
  decide(value: boolean | null) {
    this.decision = value
    if (value === true) {
      this.everGranted = true
      this.delivered.push(...this.queue.map((held) => held.event))
      this.badSent ||= this.queue.some((held) => held.bad)
      if (this.queuedIdentity !== undefined) this.deliveredIdentity = this.queuedIdentity
    }
    if (value === false) this.discard()
    if (value !== null) (this.queue = []), (this.queuedIdentity = undefined)
  }
  /** Held calls discarded by a denial: they claimed nothing, changed nothing. */
  discard() {
    for (const held of this.queue.reverse()) held.undo()
    this.queue = []
    this.queuedIdentity = undefined
  }
  /** Identify for the current user, unless the client holds that identity already. */
  syncIdentity() {
    if (this.decision === false || !this.user || this.identity === this.user) return
    if (this.decision) this.deliveredIdentity = this.user
    else this.queuedIdentity = this.user
  }
  /** Sends or holds a track call (and its state change); false when consent discards it. */
  track(event: Omit<Expected, 'custom' | 'identity'>, call: HostileBag | undefined, apply: () => void, undo: () => void): boolean {
    if (this.decision === false) return false
    this.syncIdentity()
    const provider = safePart(this.providerBag)
    const own = safePart(call)
    const full: Expected = { ...event, custom: canon({ ...provider.safe, ...own.safe }), identity: this.identity }
    apply()
    const bad = provider.bad || own.bad
    if (this.decision) this.delivered.push(full), (this.badSent ||= bad)
    else this.queue.push({ event: full, undo, bad })
    return true
  }
  completed(m: Message) {
    if (m.status !== 'complete' || this.sent.has(m.id)) return
    if (this.decision === false) return void this.unsent.add(m.id)
    if (m.role === 'user' && !this.started)
      this.track({ event: 'Conversation Started' }, undefined, () => (this.started = true), () => (this.started = false))
    this.track(
      { event: m.role === 'user' ? 'Message Sent' : 'Message Received', messageId: m.id, ...expectedBody(m.text, this.redact) },
      m.bag,
      () => (this.sent.add(m.id), this.unsent.delete(m.id), this.count++),
      () => (this.sent.delete(m.id), this.unsent.add(m.id), this.count--),
    )
  }
  feedback(id: string, rating: number) {
    const before = this.ratings.get(id)
    if (before === rating) return
    const restore = () => (before === undefined ? this.ratings.delete(id) : this.ratings.set(id, before))
    this.track({ event: 'Feedback Submitted', messageId: id, rating }, undefined, () => this.ratings.set(id, rating), restore)
  }
  custom(bag: HostileBag) {
    this.track({ event: 'Custom Thing' }, bag, () => {}, () => {})
  }
  end() {
    if (!this.started || this.ended) return
    this.track({ event: 'Conversation Ended', message_count: this.count }, undefined, () => (this.ended = true), () => (this.ended = false))
  }
}

const handles = {
  end: () => {},
  track: (() => {}) as (event: string, properties?: Record<string, unknown>) => void,
  feedback: new Map<string, (rating: number) => void>(),
}
function Rating({ id }: { id: string }) {
  handles.feedback.set(id, useFeedback(id).submit)
  return null
}
function Controls() {
  handles.end = useConversation().end
  handles.track = useCopilotAnalytics().track
  return null
}

interface View {
  messages: Message[]
  consent: Consent
  wrapped: boolean
  providerKey: number
  store: KeyStore
  userId: User
  properties?: Record<string, unknown>
  redact: boolean
  endOnUnmount: boolean
  endOnPageHide: boolean
  /** A second provider on the page, with a consent of its own and its own client. */
  side?: { consent: boolean | null; messages: Message[]; analytics: MemoryAnalytics }
}
function Chat({ view, analytics, onError }: { view: View; analytics: MemoryAnalytics; onError: (e: CopilotAnalyticsError) => void }) {
  const provider = (
    // keyStore is handed to the tracker like every provider prop: a new store over the same storage is a reload.
    <CopilotAnalyticsProvider
      key={view.providerKey}
      analytics={analytics}
      conversationId="model"
      consent={view.consent}
      userId={view.userId}
      properties={view.properties}
      privacy={{ maxBodyBytes: MAX_BODY_BYTES, redact: view.redact ? redactPII : undefined }}
      spec={modelSpec}
      endOnUnmount={view.endOnUnmount}
      endOnPageHide={view.endOnPageHide}
      onError={onError}
      {...({ keyStore: view.store } as object)}
    >
      {view.messages.map((m) => (
        <Fragment key={m.id + ':' + m.nonce}>
          <TrackedMessage
            id={m.id}
            role={m.role}
            // An array of content parts, as OpenAI-style content arrives: sent as its text.
            body={m.parts ? ([{ type: 'text', text: m.text }] as never) : m.text}
            status={m.status}
            properties={m.properties}
          />
          {m.status === 'complete' && <Rating id={m.id} />}
        </Fragment>
      ))}
      <Controls />
    </CopilotAnalyticsProvider>
  )
  const side = view.side && (
    <CopilotAnalyticsProvider
      analytics={view.side.analytics}
      conversationId="side"
      consent={view.side.consent}
      privacy={{ maxBodyBytes: MAX_BODY_BYTES }}
      spec={modelSpec}
      onError={onError}
      {...({ keyStore: view.store } as object)}
    >
      {view.side.messages.map((m) => (
        <TrackedMessage key={m.id} id={m.id} role={m.role} body={m.text} />
      ))}
    </CopilotAnalyticsProvider>
  )
  // Every render under StrictMode; a layout element that comes and goes remounts the provider.
  return (
    <StrictMode>
      {view.wrapped ? (
        <section>
          {provider}
          {side}
        </section>
      ) : (
        <>
          {provider}
          {side}
        </>
      )}
    </StrictMode>
  )
}

interface Deferred {
  promise: Promise<boolean | null>
  resolve: (value: boolean | null) => void
  reject: (error: Error) => void
  settled: boolean
}
function deferred(): Deferred {
  const d = {} as Deferred
  d.promise = new Promise((resolve, reject) => Object.assign(d, { resolve, reject }))
  d.promise.catch(() => {})
  return d
}

const project = (track: ReturnType<typeof wire>[number]): Expected =>
  JSON.parse(
    JSON.stringify({
      event: track.event,
      messageId: track.props.messageId,
      message_body: track.props.message_body,
      message_body_truncated: track.props.message_body_truncated,
      rating: track.props.rating,
      message_count: track.props.message_count,
      custom: track.custom,
      identity: track.identity,
    }),
  )

let sequences = 0

async function run(initialConsent: ConsentKind, redact: boolean, initialUser: User, sideConsent: boolean | null | 'none', ops: Op[]) {
  sequences++
  cleanup() // what a failed run (fast-check shrinking) left mounted
  // The previous sequence's page goes: its key store writes what is pending then (it waits for a
  // task after a burst otherwise), not into this sequence's storage.
  dispatchEvent(new Event('pagehide'))
  sessionStorage.clear()
  takeViolations()
  const newStore = () => createKeyStore({ storage: sessionStorage, storageKey: 'model-test' })
  // One client per page load. A reload's new client holds the identity the tab last sent (src/core/keys.ts:
  // analytics-next keeps it across the reload), so the identity on the wire runs on across pages.
  let analytics = createMemoryAnalytics()
  const pages = [analytics]
  const errors: CopilotAnalyticsError[] = []
  const onError = (e: CopilotAnalyticsError) => errors.push(e)
  const deferreds: Deferred[] = []
  let current: Deferred | undefined
  let rejected = false
  let hostile = false
  const consentValue = (kind: ConsentKind): { consent: Consent; decision: boolean | null } => {
    current = undefined
    switch (kind) {
      case 'true':
      case 'false':
      case 'null':
        return { consent: JSON.parse(kind), decision: JSON.parse(kind) }
      case 'fnTrue':
        return { consent: () => true, decision: true }
      case 'fnFalse':
        return { consent: () => false, decision: false }
      case 'fnNull':
        return { consent: () => null, decision: null }
      case 'fnPromise': {
        const d = (current = deferred())
        deferreds.push(d)
        return { consent: () => d.promise, decision: null }
      }
    }
  }
  const first = consentValue(initialConsent)
  const model = new Model(first.decision, redact)
  model.user = initialUser
  const view: View = { messages: [], consent: first.consent, wrapped: false, providerKey: 0, store: newStore(), userId: initialUser, redact, endOnUnmount: false, endOnPageHide: false }
  // Consent is per provider: the other provider's decision never changes this one's.
  if (sideConsent !== 'none') view.side = { consent: sideConsent, messages: [], analytics: createMemoryAnalytics() }
  const sideModel = new Model(sideConsent === 'none' ? true : sideConsent, false)
  let nextId = 0
  const mount = () => render(<Chat view={{ ...view, messages: view.messages.map((m) => ({ ...m })) }} analytics={analytics} onError={onError} />)
  let screen = mount()
  model.syncIdentity()
  const update = () => screen.rerender(<Chat view={{ ...view, messages: view.messages.map((m) => ({ ...m })) }} analytics={analytics} onError={onError} />)
  const settle = () => act(drain)
  const streaming = () => view.messages.filter((m) => m.status === 'streaming')
  const complete = () => view.messages.filter((m) => m.status === 'complete')
  /** Every mounted message is tracked again (a remount): the ones consent discarded are sent now. */
  const reoffer = (messages = view.messages, sideToo = true) => {
    messages.forEach((m) => model.unsent.has(m.id) && model.completed(m))
    if (sideToo) view.side?.messages.forEach((m) => sideModel.unsent.has(m.id) && sideModel.completed(m))
  }
  const live = (bag: HostileBag) => ((hostile = true), build(bag))

  for (const step of ops) {
    switch (step.type) {
      case 'send': {
        const id = 'm' + ++nextId
        const m: Message = { id, role: 'user', text: step.text, parts: step.parts, status: 'complete', nonce: 0, bag: step.bag }
        if (step.bag) m.properties = live(step.bag)
        view.messages.push(m)
        update()
        model.completed(m)
        break
      }
      case 'stream':
        view.messages.push({ id: 'tmp' + ++nextId, role: 'assistant', text: '', parts: false, status: 'streaming', nonce: 0 })
        update()
        break
      case 'token':
      case 'complete':
      case 'rename': {
        const m = streaming()[step.pick % Math.max(1, streaming().length)]
        if (!m) break
        if (step.type === 'token') m.text += 'tok' + step.pick + ' '
        if (step.type === 'rename') m.id = 'm' + ++nextId // the AI SDK swaps a client id for the server's
        if (step.type === 'complete') m.status = 'complete'
        update()
        model.completed(m)
        break
      }
      case 'remountMessage': {
        const m = view.messages[step.pick % Math.max(1, view.messages.length)]
        if (!m) break
        m.nonce++
        update()
        reoffer([m], false)
        break
      }
      case 'feedback': {
        const m = complete()[step.pick % Math.max(1, complete().length)]
        if (!m) break
        act(() => handles.feedback.get(m.id)!(step.rating))
        model.feedback(m.id, step.rating)
        break
      }
      case 'custom':
        act(() => handles.track('Custom Thing', live(step.bag)))
        model.custom(step.bag)
        break
      case 'end':
        act(() => handles.end())
        model.end()
        break
      case 'remountProvider':
      case 'rewrap':
        // A `key` change, or a layout element added or removed: the provider and every row remount
        // under the same conversationId. The conversation goes on, even with endOnUnmount.
        if (step.type === 'remountProvider') view.providerKey++
        else view.wrapped = !view.wrapped
        update()
        // Mounting, the provider identifies the current user (its effect), unless the client holds it.
        model.syncIdentity()
        reoffer()
        await settle()
        break
      case 'consent': {
        const next = consentValue(step.kind)
        view.consent = next.consent
        update()
        // Identify follows a grant lazily, before the next track call (or at the next userId change).
        model.decide(next.decision)
        await settle()
        break
      }
      case 'settleConsent': {
        const open = deferreds.filter((d) => !d.settled)
        const d = open[step.pick % Math.max(1, open.length)]
        if (!d) break
        d.settled = true
        await act(async () => {
          if (step.outcome === 'reject') d.reject(new Error('consent store unavailable'))
          else d.resolve(step.outcome)
          await drain()
        })
        // Only the latest consent counts; a rejection denies and is reported as consent_error (a
        // provider that remounted meanwhile may report the superseded one too: allowed).
        if (step.outcome === 'reject') rejected = true
        if (d === current) {
          current = undefined
          model.decide(step.outcome === 'reject' ? false : step.outcome)
        }
        break
      }
      case 'user': {
        // The provider identifies when the userId changes (its effect); the same one again is no change.
        const changed = step.value !== view.userId
        view.userId = step.value
        update()
        model.user = step.value
        if (changed) model.syncIdentity()
        break
      }
      case 'providerProperties':
        view.properties = step.bag && live(step.bag)
        model.providerBag = step.bag
        update()
        break
      case 'flags':
        view.endOnUnmount = step.endOnUnmount
        view.endOnPageHide = step.endOnPageHide
        update()
        await settle()
        break
      case 'sideSend': {
        if (!view.side) break
        const m: Message = { id: 'side' + ++nextId, role: 'user', text: 'side ' + nextId, parts: false, status: 'complete', nonce: 0 }
        view.side.messages.push(m)
        update()
        sideModel.completed(m)
        break
      }
      case 'pagehide':
        act(() => void window.dispatchEvent(new Event('pagehide')))
        if (view.endOnPageHide) model.end()
        break
      case 'closeApp':
      case 'reload':
        // Leaving the chat (a route change) or reloading the tab: the provider unmounts for good.
        screen.unmount()
        await settle()
        if (view.endOnUnmount) model.end()
        if (step.type === 'reload') {
          // A reload fires pagehide before the page goes: the old key store writes then, never after.
          dispatchEvent(new Event('pagehide'))
          view.store = newStore()
          // Calls waiting for consent live in memory, and so do the keys and state they changed: a
          // reload forgets both (docs/privacy-and-consent.md), as if they had been denied. The messages
          // the new page renders again are held again (reoffer, below) and sent on a grant.
          model.discard()
          sideModel.discard()
          // The old page is gone: its pending consent never settles; the new page asks again.
          deferreds.length = 0
          if (current) {
            const d = (current = deferred())
            deferreds.push(d)
            view.consent = () => d.promise
          }
          pages.push((analytics = createMemoryAnalytics()))
        }
        screen = mount()
        model.syncIdentity()
        reoffer()
        await settle()
        break
    }
    await settle()
    // Nothing personal in storage before consent: the user ids are e-mail addresses.
    if (!model.everGranted) expect(JSON.stringify({ ...sessionStorage }), 'personal data stored before consent').not.toContain('@mail.test')
  }
  screen.unmount()
  await settle()
  if (view.endOnUnmount) model.end()

  expect(wire({ calls: pages.flatMap((page) => page.calls) }).map(project)).toEqual(model.delivered)
  if (view.side) expect(wire(view.side.analytics).map(project), 'the other provider').toEqual(sideModel.delivered)
  const codes = errors.map((e) => e.code)
  if (model.badSent) expect(codes.length, 'a hostile value was sent without a report').toBeGreaterThan(0)
  const allowed = new Set<string>([...(hostile ? ['invalid_property', 'event_too_large', 'redact_error'] : []), ...(rejected ? ['consent_error'] : [])])
  expect(codes.filter((code) => !allowed.has(code))).toEqual([])
  if (!hostile) expect(takeViolations()).toEqual([])
}

test(`adversarial model, React API: ${RUNS} random sequences match the reference model`, async () => {
  const started = performance.now()
  const seed = seedFor('react')
  await fc.assert(
    fc.asyncProperty(
      consentKind,
      fc.boolean(),
      fc.constantFrom(...USERS),
      fc.constantFrom<boolean | null | 'none'>('none', 'none', true, false, null),
      fc.array(op, { minLength: 1, maxLength: 20 }),
      run,
    ),
    { numRuns: RUNS, seed },
  )
  expect(sequences).toBeGreaterThanOrEqual(RUNS)
  console.info(`[model] react: ${sequences} sequences in ${Math.round(performance.now() - started)} ms (seed ${seed})`)
  takeViolations()
}, 1_200_000)
