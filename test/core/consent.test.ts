import { describe, expect, test } from 'vitest'
import { createCopilotTracker, createKeyStore, type Consent, type CopilotAnalyticsError, type StorageLike, type TrackerOptions } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'

// Issue 12, defects 7-10 at the core: consent is per tracker, a pending decision always holds, a
// discarded call claims no key and changes no state, and nothing personal is stored before consent.
function make(options: Partial<TrackerOptions> = {}) {
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore(), userId: 'u1', onError: (e) => errors.push(e), ...options })
  const label = () => analytics.calls.map((c) => (c.type === 'identify' ? `Identify ${c.userId}` : `${c.event} ${c.properties.messageId ?? c.properties.rating ?? ''}`.trim()))
  return { analytics, errors, tracker, label }
}

const say = (id: string, role = 'user') => ({ conversationId: 'c1', id, role, body: 'text of ' + id })

describe('core consent', () => {
  test.each([
    ['false', [false]],
    ['null, then false', [null, false]],
  ] as [string, Consent[]][])('%s, then true: the discarded calls claimed nothing, the stream after the grant is whole', (_, before) => {
    const { tracker, label } = make({ consent: before[0] })
    for (const consent of before) {
      tracker.configure({ consent })
      tracker.start('c1')
      tracker.message(say('m1'))
      tracker.message(say('m2', 'assistant'))
      tracker.feedback({ conversationId: 'c1', messageId: 'm2', rating: 1 })
      tracker.action({ conversationId: 'c1', type: 'Search', action: 'look up', id: 'a1' })
      tracker.component({ conversationId: 'c1', type: 'Chart', messageId: 'm2' })
      tracker.end('c1')
    }
    expect(label()).toEqual([])
    expect(tracker.getConversation('c1')).toEqual({ isStarted: false, isEnded: false, messageCount: 0 })
    expect(tracker.getFeedback('c1', 'm2')).toBeUndefined()
    tracker.configure({ consent: true })
    tracker.message(say('m2', 'assistant'))
    tracker.message(say('m3'))
    tracker.feedback({ conversationId: 'c1', messageId: 'm2', rating: 1 })
    tracker.action({ conversationId: 'c1', type: 'Search', action: 'look up', id: 'a1' })
    tracker.end('c1')
    expect(label()).toEqual(['Identify u1', 'Message Received m2', 'Conversation Started', 'Message Sent m3', 'Feedback Submitted m2', 'Action Invoked', 'Conversation Ended'])
    expect(tracker.getConversation('c1').messageCount).toBe(2)
  })

  test('history is recorded whatever the consent: it is a fact of an earlier session, not a call', () => {
    const { tracker, label } = make({ consent: false })
    tracker.message({ ...say('h1'), history: true })
    tracker.configure({ consent: true })
    tracker.message(say('m2'))
    tracker.end('c1')
    expect(label()).toEqual(['Identify u1', 'Message Sent m2', 'Conversation Ended'])
    expect(tracker.getConversation('c1').messageCount).toBe(2)
  })

  test('a new consent function is pending until called and settled: nothing goes out at once', async () => {
    let grant!: (value: boolean) => void
    const { tracker, label } = make({ consent: () => true })
    tracker.message(say('m1'))
    tracker.configure({ consent: () => new Promise<boolean>((resolve) => (grant = resolve)) })
    tracker.message(say('m2'))
    expect(label()).toEqual(['Identify u1', 'Conversation Started', 'Message Sent m1'])
    grant(true)
    await Promise.resolve()
    expect(label()).toEqual(['Identify u1', 'Conversation Started', 'Message Sent m1', 'Message Sent m2'])
  })

  test('consent is per tracker: two trackers on one key store keep their own decisions', () => {
    const keyStore = createKeyStore()
    const granted = make({ keyStore, consent: true })
    const denied = make({ keyStore, consent: false })
    granted.tracker.message({ ...say('a1'), conversationId: 'a' })
    denied.tracker.message({ ...say('b1'), conversationId: 'b' })
    granted.tracker.message({ ...say('a2'), conversationId: 'a' })
    expect(granted.label()).toEqual(['Identify u1', 'Conversation Started', 'Message Sent a1', 'Message Sent a2'])
    expect(denied.label()).toEqual([])
  })

  test("unmounted while undecided, a provider's calls go only to its remount (the same conversationId), never to another tracker", () => {
    const keyStore = createKeyStore()
    const held = make({ keyStore, consent: null, conversationId: 'a' })
    const unmount = held.tracker.mount()
    held.tracker.message({ ...say('a1'), conversationId: 'a' })
    unmount()
    // Another provider, granted, mounting next on the same key store; then a tracker with no provider.
    const other = make({ keyStore, consent: true, conversationId: 'b' })
    other.tracker.mount()
    other.tracker.message({ ...say('b1'), conversationId: 'b' })
    make({ keyStore, consent: true }).tracker.message({ ...say('c1'), conversationId: 'c' })
    expect(held.label()).toEqual([])
    expect(other.label()).toEqual(['Identify u1', 'Conversation Started', 'Message Sent b1'])
    // Its remount, granted, sends them (through the client they were made for), in front of its own.
    make({ keyStore, consent: true, conversationId: 'a' }).tracker.mount()
    expect(held.label()).toEqual(['Identify u1', 'Conversation Started', 'Message Sent a1'])
  })

  test('nothing personal reaches storage before consent; the identity is kept once it was sent', async () => {
    const items = new Map<string, string>()
    const storage: StorageLike = { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) }
    const keyStore = createKeyStore({ storage })
    const stored = () => [...items.values()].join('\n')
    const { tracker } = make({ keyStore, consent: null, userId: 'person@example.com', anonymousId: 'anon-secret' })
    tracker.message(say('m1'))
    tracker.track('c1', 'Custom', { note: 'secret note' })
    const written = () => new Promise((resolve) => setTimeout(resolve)) // the key store writes in a task of its own
    await written()
    for (const secret of ['person@example.com', 'anon-secret', 'text of m1', 'secret note']) expect(stored()).not.toContain(secret)
    tracker.configure({ consent: true })
    await written()
    expect(stored()).toContain('u:person@example.com')
  })

  test('identity u1 -> u2 -> u1 identifies each change, never twice in a row', () => {
    const { tracker, label } = make()
    tracker.message(say('m1'))
    tracker.configure({ userId: 'u2' })
    tracker.message(say('m2'))
    tracker.configure({ userId: 'u1' })
    tracker.syncIdentity()
    tracker.syncIdentity()
    tracker.message(say('m3'))
    expect(label()).toEqual(['Identify u1', 'Conversation Started', 'Message Sent m1', 'Identify u2', 'Message Sent m2', 'Identify u1', 'Message Sent m3'])
  })
})

test('a rating held and then denied reads as unset, also after a reload of the tab', async () => {
  const items = new Map<string, string>()
  const storage: StorageLike = { getItem: (k) => items.get(k) ?? null, setItem: (k, v) => void items.set(k, v), removeItem: (k) => void items.delete(k) }
  const first = make({ keyStore: createKeyStore({ storage }), consent: null })
  first.tracker.feedback({ conversationId: 'c1', messageId: 'm1', rating: 5 })
  expect(first.tracker.getFeedback('c1', 'm1')).toBe(5)
  await Promise.resolve()
  first.tracker.configure({ consent: false })
  expect(first.tracker.getFeedback('c1', 'm1')).toBeUndefined()
  await Promise.resolve()
  const reloaded = make({ keyStore: createKeyStore({ storage }), consent: true })
  expect(reloaded.tracker.getFeedback('c1', 'm1')).toBeUndefined()
  reloaded.tracker.feedback({ conversationId: 'c1', messageId: 'm1', rating: 5 })
  expect(reloaded.label()).toEqual(['Identify u1', 'Feedback Submitted m1'])
})
