// @vitest-environment node
import { describe, expect, test } from 'vitest'
import { createCopilotTracker, createKeyStore, type TrackerOptions } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'
import type { CopilotAnalyticsError } from '../../src/core/errors'

// The "values" row of ADVERSARIAL.md through the core tracker: whatever a caller passes as
// properties, nothing throws, what cannot be read is reported (invalid_property) and left out,
// and the event itself is sent (its exactly-once key is never spent on a dropped event).

function setup(options: Partial<TrackerOptions> = {}) {
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore(), onError: (e) => errors.push(e), ...options })
  const props = (event: string) => analytics.calls.flatMap((c) => (c.type === 'track' && c.event === event ? [c.properties] : []))
  return { analytics, errors, tracker, props, codes: () => [...new Set(errors.map((e) => e.code))] }
}

const revoked = () => {
  const { proxy, revoke } = Proxy.revocable({ plan: 'pro' }, {})
  revoke()
  return proxy
}
const throwingTraps = () =>
  new Proxy({ plan: 'pro' }, {
    ownKeys() {
      throw new Error('ownKeys trap')
    },
  })
const throwingGet = () =>
  new Proxy({ plan: 'pro', ok: 1 }, {
    get(target, key) {
      if (key === 'plan') throw new Error('get trap')
      return Reflect.get(target, key)
    },
  })

describe('hostile properties on the core tracker', () => {
  test.each([
    ['a revoked Proxy', revoked, {}],
    ['a Proxy whose ownKeys trap throws', throwingTraps, {}],
    ['a Proxy whose get trap throws for one key', throwingGet, { ok: 1 }],
    ['an array', () => ['a', 'b'], {}],
    ['a string', () => 'plan=pro', {}],
  ])('%s as message properties: no throw, reported, the message sent with what could be read', (_, make, kept) => {
    const { tracker, props, codes, errors } = setup()
    expect(() => tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'hi', properties: make() as never })).not.toThrow()
    expect(props('Message Sent')).toEqual([{ conversationId: 'c', messageId: 'm1', message_body: 'hi', role: 'customer', ...kept }])
    expect(codes()).toEqual(['invalid_property'])
    expect(errors[0].message).toMatch(/could not be read|is not/)
  })

  test('a harmless Proxy (state libraries wrap objects in them) is sent as the data it shows', () => {
    const { tracker, props, errors } = setup()
    const state = new Proxy({ plan: 'pro', nested: new Proxy({ seats: 3 }, {}) }, {})
    tracker.track('c', 'Plan Viewed', state)
    expect(props('Plan Viewed')).toEqual([{ conversationId: 'c', plan: 'pro', nested: { seats: 3 } }])
    expect(errors).toEqual([])
  })

  test.each([
    ['track()', (t: ReturnType<typeof setup>['tracker'], p: unknown) => t.track('c', 'Item Purchased', p as never), 'Item Purchased'],
    ['conversion()', (t: ReturnType<typeof setup>['tracker'], p: unknown) => t.conversion('c', 'Trial Started', p as never), 'Trial Started'],
    ['feedback()', (t: ReturnType<typeof setup>['tracker'], p: unknown) => t.feedback({ conversationId: 'c', rating: 1, messageId: 'm1', properties: p as never }), 'Feedback Submitted'],
    ['action()', (t: ReturnType<typeof setup>['tracker'], p: unknown) => t.action({ conversationId: 'c', type: 'Tool', action: 'run', properties: p as never }), 'Action Invoked'],
    ['media()', (t: ReturnType<typeof setup>['tracker'], p: unknown) => t.media({ conversationId: 'c', type: 'image', properties: p as never }), 'Media Generated'],
    ['component()', (t: ReturnType<typeof setup>['tracker'], p: unknown) => t.component({ conversationId: 'c', type: 'Chart', properties: p as never }), 'Component Loaded'],
  ])('a revoked Proxy as %s properties: no throw, reported, the event sent', (_, call, event) => {
    const { tracker, props, codes } = setup()
    expect(() => call(tracker, revoked())).not.toThrow()
    expect(props(event)).toHaveLength(1)
    expect(codes()).toEqual(['invalid_property'])
  })

  test('a nested revoked Proxy or throwing getter costs its top-level property only', () => {
    const { tracker, props, errors } = setup()
    const nestedGetter = { get bad() { throw new Error('nope') }, fine: 1 }
    tracker.track('c', 'Odd', { draft: { inner: revoked() }, nested: nestedGetter, kept: { a: [1, 'x'] }, ok: 'yes' })
    expect(props('Odd')).toEqual([{ conversationId: 'c', kept: { a: [1, 'x'] }, ok: 'yes' }])
    expect(errors.map((e) => [e.code, e.message.match(/property "(\w+)"/)?.[1]])).toEqual([['invalid_property', 'draft'], ['invalid_property', 'nested']])
  })

  test('a revoked Proxy or a throwing getter in Identify traits: Identify still sent, the trait left out', () => {
    const { analytics, tracker, codes } = setup()
    tracker.identify('u1', revoked() as never)
    tracker.identify('u2', { get email() { throw new Error('nope') }, plan: 'pro' } as never)
    expect(analytics.calls.map((c) => (c.type === 'identify' ? [c.userId, c.traits] : c.type))).toEqual([['u1', {}], ['u2', { plan: 'pro' }]])
    expect(codes()).toEqual(['invalid_property'])
  })

  test('__proto__ and constructor are ordinary keys: sent as data, never a prototype', () => {
    const { tracker, props, errors } = setup({ privacy: { redact: (text) => text } })
    const hostile = JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c", "toString": 1}')
    tracker.track('c', 'Keys', hostile)
    tracker.track('c', 'Keys', { nested: hostile })
    const [flat, nested] = props('Keys')
    expect(Object.keys(flat)).toEqual(expect.arrayContaining(['__proto__', 'constructor', 'toString']))
    expect(JSON.parse(JSON.stringify(flat))).toEqual(JSON.parse('{"__proto__": {"polluted": true}, "constructor": "c", "toString": 1, "conversationId": "c"}'))
    expect(JSON.stringify(nested)).toContain('"__proto__":{"polluted":true}')
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(errors).toEqual([])
  })

  test('BigInt, NaN, Infinity, functions and cycles at every depth: left out and reported, the rest sent', () => {
    const { tracker, props, errors } = setup()
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    tracker.track('c', 'Values', { big: 1n, deep: { nan: NaN, list: [Infinity, 2, () => 1], cycle }, ok: true })
    expect(props('Values')).toEqual([{ conversationId: 'c', deep: { list: [null, 2, null], cycle: {} }, ok: true }])
    expect(new Set(errors.map((e) => e.code))).toEqual(new Set(['invalid_property']))
  })
})

describe("the tracker's own properties (the provider's `properties`)", () => {
  test('a getter that throws: that property left out and reported, every event sent, and its key kept for a resend', () => {
    let fail = true
    const properties = {
      get page() {
        if (fail) throw new Error('location unavailable')
        return '/chat'
      },
      assistantId: 'bot',
    }
    const { tracker, props, codes } = setup({ properties })
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'hi' })
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'hi' }) // already sent: not again
    expect(props('Conversation Started')).toEqual([{ conversationId: 'c', assistantId: 'bot' }])
    expect(props('Message Sent')).toEqual([{ conversationId: 'c', messageId: 'm1', message_body: 'hi', role: 'customer', assistantId: 'bot' }])
    expect(codes()).toEqual(['invalid_property'])
    fail = false
    tracker.message({ conversationId: 'c', id: 'm2', role: 'assistant', body: 'hello' })
    expect(props('Message Received')).toEqual([{ conversationId: 'c', messageId: 'm2', message_body: 'hello', role: 'agent', assistantId: 'bot', page: '/chat' }])
  })

  test.each([
    ['a revoked Proxy', revoked],
    ['a Proxy whose ownKeys trap throws', throwingTraps],
    ['an array', () => ['bot']],
    ['a string', () => 'assistantId=bot'],
  ])('%s as the tracker properties: every event sent, reported', (_, make) => {
    const { tracker, analytics, codes } = setup({ properties: make() as never })
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'hi' })
    tracker.end('c')
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Conversation Ended'])
    expect(codes()).toEqual(['invalid_property'])
  })

  test('a revoked Proxy as the tracker properties reaches no vocabulary that reads them (watsonx): it still sends', async () => {
    const { watsonxAssistant } = await import('../../src/entries/core')
    const { tracker, analytics, codes } = setup({ properties: revoked() as never, spec: watsonxAssistant })
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'hi' })
    expect(analytics.calls.length).toBeGreaterThan(0)
    expect(codes()).toEqual(['invalid_property'])
  })
})
