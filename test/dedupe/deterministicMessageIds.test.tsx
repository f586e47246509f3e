import fc from 'fast-check'
import { StrictMode } from 'react'
import { render } from '@testing-library/react'
import { describe, expect, test } from 'vitest'
import { createCopilotTracker, createKeyStore, segmentCopilot, segmentCopilotLegacy, watsonxAssistant, type AnalyticsClient, type KeyStore, type Properties, type TrackerOptions } from '../../src/entries/core'
import { deterministicMessageIds, MESSAGE_ID_PREFIX } from '../../src/entries/dedupe'
import { CopilotAnalyticsProvider, TrackedMessage } from '../../src/entries'
import { messageIdOf } from '../../src/dedupe/deterministicMessageIds'
import { keyPartsOf } from '../../src/core/keys'

interface Sent {
  event: string
  properties?: Properties
  options?: Properties
}

/** A client that keeps each track call with its Segment options (the third argument). */
function recorder(extra: object = {}): AnalyticsClient & { sent: Sent[]; ids(): (string | undefined)[] } {
  const sent: Sent[] = []
  return {
    ...extra,
    sent,
    track: (event, properties, options) => void sent.push({ event, properties, options }),
    identify: () => {},
    ids: () => sent.map((s) => s.options?.messageId as string | undefined),
  }
}

/** A tracker with its own key store (a tab, a server); `null`: no namespace. */
const tracker = (options: Partial<TrackerOptions> & { analytics: AnalyticsClient }, namespace: string | null = 'acme') =>
  createCopilotTracker({ keyStore: createKeyStore(), messageIds: deterministicMessageIds({ namespace: namespace ?? undefined }), ...options })

/** A chat that uses every event kind once. */
function everyEvent(t: ReturnType<typeof createCopilotTracker>, conversationId = 'c1') {
  t.message({ conversationId, id: 'm1', role: 'user', body: 'Hi' })
  t.message({ conversationId, id: 'm2', role: 'assistant', body: 'Hello' })
  t.component({ conversationId, type: 'Chart', messageId: 'm2' })
  t.startAction({ conversationId, type: 'Search', action: 'look up', id: 'a1', messageId: 'm2' }).complete()
  t.media({ conversationId, type: 'image', subType: 'png', id: 'g1', messageId: 'm2' })
  t.feedback({ conversationId, messageId: 'm2', rating: 1 })
  t.end(conversationId)
}

describe('deterministic Segment messageIds', () => {
  test('the same event gets the same id on another tracker (another tab, a server); the format is the documented one', () => {
    const a = recorder()
    const b = recorder()
    everyEvent(tracker({ analytics: a }))
    everyEvent(tracker({ analytics: b }))
    expect(a.sent.map((s) => s.event)).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Component Loaded', 'Action Invoked', 'Media Generated', 'Feedback Submitted', 'Conversation Ended'])
    expect(a.ids()).toEqual(b.ids())
    for (const id of a.ids()) expect(id).toMatch(/^rca1-[0-9a-f]{32}$/)
    expect(new Set(a.ids()).size).toBe(a.ids().length)
    // Never the chat's own message id (which stays a property).
    expect(a.sent[1].properties?.messageId).toBe('m1')
  })

  test('golden values: the ids of this package are stable across versions (changing one is a breaking change: a new prefix)', () => {
    const a = recorder()
    everyEvent(tracker({ analytics: a }))
    expect(MESSAGE_ID_PREFIX).toBe('rca1-')
    expect(Object.fromEntries(a.sent.map((s) => [s.event, s.options?.messageId]))).toMatchInlineSnapshot(`
      {
        "Action Invoked": "rca1-da8d0ebd0965ce064f6b8d8789ddf0c5",
        "Component Loaded": "rca1-e0021d729927e80583bfd7d1cc36f034",
        "Conversation Ended": "rca1-fbe20463c9adb63285202898cc2e368d",
        "Conversation Started": "rca1-96ea15f15ce1b10cf297370764fd6970",
        "Feedback Submitted": "rca1-f457fd283e9d9466d715c412f0ef3614",
        "Media Generated": "rca1-5fd2fb4b5f84ba6456733e0c74673572",
        "Message Received": "rca1-66da373119dc3edcadfa7bbf10e32017",
        "Message Sent": "rca1-c016602c20fe85e244ea24626855fd5d",
      }
    `)
  })

  test('the app is part of the id: another namespace or write key gives other ids; with neither, ids stay random (no options)', () => {
    const acme = recorder()
    const other = recorder()
    const none = recorder()
    everyEvent(tracker({ analytics: acme }, 'acme'))
    everyEvent(tracker({ analytics: other }, 'other-app'))
    everyEvent(tracker({ analytics: none }, null))
    expect(acme.ids().filter((id) => other.ids().includes(id))).toEqual([])
    expect(none.sent.map((s) => s.options)).toEqual(none.sent.map(() => undefined))
    // An empty namespace is no namespace.
    const empty = recorder()
    everyEvent(tracker({ analytics: empty }, ''))
    expect(empty.ids().every((id) => id === undefined)).toBe(true)
  })

  test.each([
    ['a loaded AnalyticsBrowser', { instance: { settings: { writeKey: 'wk1' } } }],
    ['a loaded window.analytics', { settings: { writeKey: 'wk1' } }],
    ["the snippet's stub", { _writeKey: 'wk1' }],
  ])('the write key of %s scopes the ids when no namespace is given', (_, shape) => {
    const a = recorder(shape)
    const b = recorder({ settings: { writeKey: 'wk1' } })
    const c = recorder({ settings: { writeKey: 'wk2' } })
    everyEvent(tracker({ analytics: a }, null))
    everyEvent(tracker({ analytics: b }, null))
    everyEvent(tracker({ analytics: c }, null))
    expect(a.ids().every((id) => id?.startsWith('rca1-'))).toBe(true)
    expect(a.ids()).toEqual(b.ids())
    expect(a.ids().filter((id) => c.ids().includes(id))).toEqual([])
  })

  test('a client whose write key cannot be read (a throwing getter) keeps random ids, and nothing throws', () => {
    const client = recorder()
    Object.defineProperty(client, 'settings', { get: () => { throw new Error('no') } })
    const errors: unknown[] = []
    everyEvent(tracker({ analytics: client, onError: (e) => errors.push(e) }, null))
    expect(client.sent).toHaveLength(8)
    expect(client.ids().every((id) => id === undefined)).toBe(true)
    expect(errors).toEqual([])
  })

  test('options that are not what they should be never throw: a namespace that is not a non-empty string counts as none', () => {
    const hostile = new Proxy({}, { get: () => { throw new Error('no') } })
    for (const options of [hostile, { namespace: 42 }, { namespace: null }, null, 'acme'] as never[]) {
      const client = recorder()
      expect(() => everyEvent(createCopilotTracker({ analytics: client, keyStore: createKeyStore(), messageIds: deterministicMessageIds(options) }))).not.toThrow()
      expect(client.sent).toHaveLength(8)
      expect(client.ids().every((id) => id === undefined)).toBe(true)
    }
  })

  test('feedback: a changed rating is a new id, the same rating again is no event, 5 -> 3 -> 5 is three events', () => {
    const a = recorder()
    const t = tracker({ analytics: a })
    for (const rating of [5, 5, 3, 5, 3]) t.feedback({ conversationId: 'c1', messageId: 'm1', rating })
    expect(a.sent.map((s) => s.properties?.rating)).toEqual([5, 3, 5, 3])
    expect(new Set(a.ids()).size).toBe(4)
  })

  test('a duplicated tab (its key store copied): the same next rating in both tabs is one id, different ratings two', () => {
    const storage = new Map<string, string>()
    const session = { getItem: (k: string) => storage.get(k) ?? null, setItem: (k: string, v: string) => void storage.set(k, v), removeItem: (k: string) => void storage.delete(k) }
    const first = recorder()
    const original = tracker({ analytics: first, keyStore: createKeyStore({ storage: session }) })
    original.feedback({ conversationId: 'c1', messageId: 'm1', rating: 5 })
    // The key store writes in a task of its own; a tab is duplicated later than that.
    return new Promise((resolve) => setTimeout(resolve)).then(() => {
      // The duplicate starts from a copy of the tab's storage.
      const copy = new Map(storage)
      const copied = { getItem: (k: string) => copy.get(k) ?? null, setItem: (k: string, v: string) => void copy.set(k, v), removeItem: (k: string) => void copy.delete(k) }
      const second = recorder()
      const duplicate = tracker({ analytics: second, keyStore: createKeyStore({ storage: copied }) })
      original.feedback({ conversationId: 'c1', messageId: 'm1', rating: 3 })
      duplicate.feedback({ conversationId: 'c1', messageId: 'm1', rating: 3 })
      expect(second.ids()).toEqual([first.ids()[1]])
      duplicate.feedback({ conversationId: 'c1', messageId: 'm1', rating: 4 })
      original.feedback({ conversationId: 'c1', messageId: 'm1', rating: 2 })
      expect(second.ids()[1]).not.toBe(first.ids()[2])
    })
  })

  test('events that may repeat by design keep random ids: custom events, conversions, actions and media without an id; Identify too', () => {
    const a = recorder()
    const t = tracker({ analytics: a, userId: 'u1' })
    t.track('c1', 'Reply Copied', {}, { messageId: 'm2' })
    t.track('c1', 'Reply Copied', {}, { messageId: 'm2' })
    t.conversion('c1', 'Order Completed')
    t.action({ conversationId: 'c1', type: 'Search', action: 'look up' })
    t.media({ conversationId: 'c1', type: 'image' })
    expect(a.sent.map((s) => s.event)).toEqual(['Reply Copied', 'Reply Copied', 'Order Completed', 'Action Invoked', 'Media Generated'])
    expect(a.sent.map((s) => s.options)).toEqual([undefined, undefined, undefined, undefined, undefined])
  })

  test('Reply Regenerated is sent once per replaced reply, so it has one id in every tab; copies and edits stay random', () => {
    const a = recorder()
    const b = recorder()
    for (const analytics of [a, b]) {
      const t = tracker({ analytics })
      t.messageAction({ conversationId: 'c1', action: 'regenerate', messageId: 'm2' })
      t.messageAction({ conversationId: 'c1', action: 'regenerate', messageId: 'm2' }) // the same reply: no second event
      t.messageAction({ conversationId: 'c1', action: 'regenerate', messageId: 'm4' })
      t.messageAction({ conversationId: 'c1', action: 'copy', messageId: 'm2' })
      t.messageAction({ conversationId: 'c1', action: 'edit', messageId: 'm1' })
    }
    expect(a.sent.map((s) => s.event)).toEqual(['Reply Regenerated', 'Reply Regenerated', 'Message Copied', 'Message Edited'])
    const [m2, m4, copied, edited] = a.ids()
    expect([m2, m4]).toEqual(b.ids().slice(0, 2))
    expect(m2).toMatch(/^rca1-[0-9a-f]{32}$/)
    expect(m4).not.toBe(m2)
    expect([copied, edited]).toEqual([undefined, undefined])
    // A custom event of the same name from the app's own track() is not one of ours: random.
    const c = recorder()
    tracker({ analytics: c }).track('c1', 'Reply Regenerated', {}, { messageId: 'm2' })
    expect(c.ids()).toEqual([undefined])
    // The mark that keys it is the tracker's own: not a property on the wire.
    expect(a.sent[0].properties).toEqual({ conversationId: 'c1', messageId: 'm2' })
  })

  test('calls held for consent keep their ids: granted later, they carry the same ids as calls sent at once', () => {
    const now = recorder()
    everyEvent(tracker({ analytics: now }))
    const held = recorder()
    const t = tracker({ analytics: held, consent: null })
    everyEvent(t)
    expect(held.sent).toEqual([])
    t.configure({ consent: true })
    expect(held.ids()).toEqual(now.ids())
  })

  test('a conversation started by start() in one tab and by its first message in another: one id for Conversation Started', () => {
    const a = recorder()
    const b = recorder()
    tracker({ analytics: a }).start('c1')
    tracker({ analytics: b }).message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
    expect(a.sent[0].event).toBe('Conversation Started')
    expect(b.sent[0].options?.messageId).toBe(a.sent[0].options?.messageId)
  })

  test('fanned out to two vocabularies with the same event names, each call has its own id', () => {
    const a = recorder()
    everyEvent(tracker({ analytics: a, spec: [segmentCopilot, segmentCopilotLegacy] }))
    const sent = a.sent.filter((s) => s.event === 'Message Sent')
    expect(sent).toHaveLength(2)
    expect(sent[0].options?.messageId).not.toBe(sent[1].options?.messageId)
    expect(new Set(a.ids()).size).toBe(a.ids().length)
  })

  test('derived from the exactly-once key: each id is computed from the key the tracker claims for that event', () => {
    // Every key the tracker writes, and the key each derived id was computed from (keyPartsOf, on the
    // event the hook sees): each must be one the tracker claimed, or the id and the exactly-once rule disagree.
    const written: string[] = []
    const base = createKeyStore()
    const keyStore: KeyStore = { ...base, get: base.get, set: (key, value, memoryOnly) => (written.push(key), base.set(key, value, memoryOnly)), clear: base.clear, size: 0, limit: base.limit }
    const inner = deterministicMessageIds({ namespace: 'acme' })
    const derived: string[] = []
    const a = recorder()
    const t = createCopilotTracker({
      analytics: a,
      keyStore,
      spec: [segmentCopilot, watsonxAssistant],
      messageIds(event, call, spec, options) {
        const id = inner(event, call, spec, options)
        const key = keyPartsOf(event)?.join(':')
        if (id && key) derived.push(key)
        return id
      },
    })
    everyEvent(t)
    // Both vocabularies: watsonx's Action Completed covers the action-complete key.
    expect(new Set(derived)).toEqual(new Set(['c:c1', 'm:c1:m1', 'm:c1:m2', 'k:c1:m2:Chart', 'a:c1:a1', 'ac:c1:a1', 'g:c1:g1', 'f:c1:m2']))
    for (const key of derived) expect(written).toContain(key)
  })

  test('property: over the key space, distinct events never share an id and the same events always get the same ids', () => {
    // Ids with the characters keys are joined by (":"), empty parts and unicode: the length-prefixed
    // fields keep "a:b"+"c" and "a"+"b:c" apart, which the joined key would not.
    const id = fc.oneof(fc.constantFrom('a', 'b', 'a:b', 'b:c', ':', ''), fc.string({ maxLength: 6 }), fc.string({ unit: 'grapheme', maxLength: 4 }))
    const op = fc.oneof(
      fc.record({ kind: fc.constant('message' as const), conversationId: id, id, role: fc.constantFrom('user', 'assistant') }),
      fc.record({ kind: fc.constant('feedback' as const), conversationId: id, messageId: fc.option(id, { nil: undefined }), rating: fc.integer({ min: 0, max: 3 }) }),
      fc.record({ kind: fc.constant('component' as const), conversationId: id, messageId: fc.option(id, { nil: undefined }), type: id }),
      fc.record({ kind: fc.constant('action' as const), conversationId: id, id }),
      fc.record({ kind: fc.constant('media' as const), conversationId: id, id }),
      fc.record({ kind: fc.constant('end' as const), conversationId: id }),
    )
    const run = (ops: Array<Record<string, any>>) => {
      const a = recorder()
      const t = tracker({ analytics: a, onError: () => {} })
      for (const o of ops) {
        if (o.kind === 'message') t.message({ conversationId: o.conversationId, id: o.id, role: o.role, body: 'x' })
        if (o.kind === 'feedback') t.feedback({ conversationId: o.conversationId, messageId: o.messageId, rating: o.rating })
        if (o.kind === 'component') t.component({ conversationId: o.conversationId, messageId: o.messageId, type: o.type })
        if (o.kind === 'action') t.startAction({ conversationId: o.conversationId, type: 'T', action: 'x', id: o.id }).complete()
        if (o.kind === 'media') t.media({ conversationId: o.conversationId, type: 'image', id: o.id })
        if (o.kind === 'end') t.end(o.conversationId)
      }
      return a
    }
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const first = run(ops)
        const ids = first.ids()
        // Every call sent carries an id (every kind here has a key), each event exactly once: all distinct.
        expect(ids.every((x) => typeof x === 'string' && x.startsWith(MESSAGE_ID_PREFIX))).toBe(true)
        expect(new Set(ids).size).toBe(ids.length)
        // The same events elsewhere (another tab, a server): the same ids.
        expect(run(ops).ids()).toEqual(ids)
      }),
      { numRuns: 300 },
    )
  })

  test('property: the fields of an id are read unambiguously (distinct lists of fields, distinct ids)', () => {
    // The exactly-once keys join their parts with ":" (so "a:b" + "c" reads as "a" + "b:c"); the id
    // prefixes each field with its length, so such lists stay apart.
    expect(messageIdOf(['ns', 'm', 'a:b', 'c'])).not.toBe(messageIdOf(['ns', 'm', 'a', 'b:c']))
    expect(messageIdOf(['ns', '', 'x'])).not.toBe(messageIdOf(['ns', 'x', '']))
    const fields = fc.array(fc.oneof(fc.constantFrom('', ':', 'a', 'a:b', '1:a'), fc.string({ maxLength: 5 })), { maxLength: 6 })
    fc.assert(
      fc.property(fields, fields, (a, b) => {
        fc.pre(JSON.stringify(a) !== JSON.stringify(b))
        expect(messageIdOf(a)).not.toBe(messageIdOf(b))
        expect(messageIdOf([...a])).toBe(messageIdOf(a))
      }),
      { numRuns: 2000 },
    )
  })

  test('the provider passes the option through: under StrictMode each message carries one id, the same on a second page', () => {
    const ids = () => {
      const a = recorder()
      render(
        <StrictMode>
          <CopilotAnalyticsProvider analytics={a} conversationId="c-provider" messageIds={deterministicMessageIds({ namespace: 'acme' })}>
            <TrackedMessage id="m1" role="user" body="Hi" />
            <TrackedMessage id="m2" role="assistant" body="Hello" />
          </CopilotAnalyticsProvider>
        </StrictMode>,
      )
      return a
    }
    const first = ids()
    expect(first.sent.map((s) => s.event)).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    expect(first.ids().every((id) => id?.startsWith('rca1-'))).toBe(true)
    // The default key store is the page's: a "second page" with the same conversation sends nothing,
    // but a fresh tracker (another tab) with its own store derives the same ids.
    const other = recorder()
    const t = tracker({ analytics: other })
    t.message({ conversationId: 'c-provider', id: 'm1', role: 'user', body: 'Hi' })
    t.message({ conversationId: 'c-provider', id: 'm2', role: 'assistant', body: 'Hello' })
    expect(other.ids()).toEqual(first.ids())
  })
})
