// @vitest-environment node
import { describe, expect, test, vi } from 'vitest'
import { createCopilotTracker, createKeyStore, MAX_PROPERTIES_BYTES, redactPII, segmentCopilot, type TrackerOptions } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'
import type { CopilotAnalyticsError } from '../../src/core/errors'

function setup(options: Partial<TrackerOptions> = {}) {
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore(), onError: (e) => errors.push(e), ...options })
  const props = (event: string) => (analytics.calls.find((c) => c.type === 'track' && c.event === event) as { properties: Record<string, unknown> } | undefined)?.properties as Record<string, unknown>
  return { analytics, errors, tracker, props }
}
const bytes = (text: string) => new TextEncoder().encode(text).length

describe('captureBodies', () => {
  test('false omits message_body, prompt and response, also from custom properties and other vocabularies', () => {
    const screebLike = { name: 'screeb-like', map: (e: any) => (e.type === 'message_sent' ? [{ type: 'track' as const, event: 'prompt', properties: { prompt: e.body, response: 'x', kept: 1 } }] : []) }
    const { tracker, props, errors } = setup({ privacy: { captureBodies: false }, spec: [screebLike, segmentCopilot] })
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'my secret', properties: { message_body: 'again' } })
    expect(props('prompt')).toEqual({ kept: 1 })
    expect(props('Message Sent')).toEqual({ conversationId: 'c', messageId: 'm1', role: 'customer' })
    expect(JSON.stringify([props('prompt'), props('Message Sent')])).not.toContain('secret')
    expect(errors).toEqual([])
  })
})

describe('redact', () => {
  test('applies to every string property, nested ones too, with the top-level field name', () => {
    const redact = vi.fn((text: string, field: string) => `${field}:${redactPII(text)}`)
    const { tracker, props } = setup({ privacy: { redact }, properties: { plan: 'jane@example.com' } })
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'I am jane@example.com', properties: { extra: { deep: ['call 0612345678'] } } })
    expect(props('Message Sent')).toEqual({
      conversationId: 'conversationId:c',
      messageId: 'messageId:m1',
      role: 'role:customer',
      message_body: 'message_body:I am [email]',
      plan: 'plan:[email]',
      extra: { deep: ['extra:call [phone]'] },
    })
  })

  test('redactPII as redact keeps ids intact and redacts the text', () => {
    const { tracker, props } = setup({ privacy: { redact: redactPII } })
    tracker.message({ conversationId: '1732180000000', id: '1732180000001', role: 'user', body: 'my number is 1732180000000' })
    expect(props('Message Sent')).toEqual({ conversationId: '1732180000000', messageId: '1732180000001', role: 'customer', message_body: 'my number is [phone]' })
  })

  test('a redact that throws leaves that property out (never unredacted) and reports redact_error', () => {
    const { tracker, props, errors } = setup({ privacy: { redact: (text) => { if (text.includes('@')) throw new Error('boom'); return text } } })
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'jane@example.com' })
    expect(props('Message Sent')).toEqual({ conversationId: 'c', messageId: 'm1', role: 'customer' })
    expect(errors.map((e) => e.code)).toEqual(['redact_error'])
    expect(errors[0].message).toContain('"message_body"')
  })

  test('Identify traits are not redacted (identity sent on purpose) but are cleaned', () => {
    const { tracker, analytics } = setup({ privacy: { redact: () => 'X' }, userId: 'u1', traits: { email: 'a@b.co', f: () => 1 } as any })
    tracker.start('c')
    expect(analytics.calls[0]).toEqual({ type: 'identify', userId: 'u1', traits: { email: 'a@b.co' } })
  })
})

describe('size guard', () => {
  test('a body over maxBodyBytes is cut at a character boundary and flagged', () => {
    const { tracker, props, errors } = setup({ privacy: { maxBodyBytes: 10 } })
    tracker.message({ conversationId: 'c', id: 'm1', role: 'assistant', body: 'héllo wörld 🌍' })
    expect(props('Message Received')).toMatchObject({ message_body: 'héllo wö', message_body_truncated: true })
    expect(errors).toEqual([])
  })

  test('never splits a 4-byte character, for every cut position', () => {
    for (let max = 0; max <= 13; max++) {
      const { tracker, analytics } = setup({ privacy: { maxBodyBytes: max } })
      tracker.message({ conversationId: 'c', id: 'm', role: 'assistant', body: 'a🌍b🌍c🌍' })
      const body = (analytics.calls[0] as any).properties.message_body as string
      expect(bytes(body)).toBeLessThanOrEqual(max)
      expect(body).not.toContain('\uFFFD')
      expect('a🌍b🌍c🌍'.startsWith(body)).toBe(true)
    }
  })

  test('the default cap is 16 KB of UTF-8', () => {
    const { tracker, props } = setup()
    tracker.message({ conversationId: 'c', id: 'm1', role: 'assistant', body: 'é'.repeat(20_000) })
    const body = props('Message Received').message_body as string
    expect(bytes(body)).toBe(16384)
    expect(props('Message Received').message_body_truncated).toBe(true)
  })

  test('an event still over the limit drops its largest properties, reports event_too_large, and still sends', () => {
    const { tracker, props, errors } = setup()
    tracker.message({ conversationId: 'c', id: 'm1', role: 'assistant', body: 'ok', properties: { a: 'x'.repeat(20_000), b: 'y'.repeat(20_000), small: 1 } })
    const sent = props('Message Received')
    expect(bytes(JSON.stringify(sent))).toBeLessThanOrEqual(MAX_PROPERTIES_BYTES)
    expect(sent).toMatchObject({ messageId: 'm1', message_body: 'ok', small: 1 })
    expect(Object.keys(sent).filter((k) => k === 'a' || k === 'b')).toHaveLength(1)
    expect(errors.map((e) => e.code)).toEqual(['event_too_large'])
    expect(errors[0].message).toMatch(/by reference/)
  })
})

describe('property sanitising', () => {
  test('values JSON cannot carry are left out and reported; the rest is sent', () => {
    const cyclic: any = { name: 'loop' }
    cyclic.self = cyclic
    const shared = { x: 1 }
    const { tracker, props, errors } = setup()
    tracker.message({
      conversationId: 'c', id: 'm1', role: 'user', body: 'hi',
      properties: { cyclic, fn: () => 1, sym: Symbol('s'), big: 10n, nan: NaN, inf: -Infinity, date: new Date(0), undef: undefined, shared: [shared, shared], ok: 'yes' },
    })
    expect(props('Message Sent')).toEqual({
      conversationId: 'c', messageId: 'm1', message_body: 'hi', role: 'customer',
      cyclic: { name: 'loop' }, date: '1970-01-01T00:00:00.000Z', shared: [{ x: 1 }, { x: 1 }], ok: 'yes',
    })
    expect(errors.map((e) => [e.code, e.message.match(/property "(\w+)"/)?.[1]])).toEqual([
      ['invalid_property', 'cyclic'], ['invalid_property', 'fn'], ['invalid_property', 'sym'], ['invalid_property', 'big'], ['invalid_property', 'nan'], ['invalid_property', 'inf'],
    ])
  })

  test('a property getter that throws loses that property only, and never throws into the app', () => {
    const { tracker, props } = setup()
    expect(() => tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'hi', properties: { get bad() { throw new Error('nope') }, ok: 1 } as any })).not.toThrow()
    expect(props('Message Sent')).toEqual({ conversationId: 'c', messageId: 'm1', message_body: 'hi', role: 'customer', ok: 1 })
  })

  test('a nested getter that throws costs its top-level property only: invalid_property, the event sent', () => {
    const { tracker, analytics, errors, props } = setup()
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'hi', properties: { nested: { get bad() { throw new Error('nope') } }, ok: 1 } as any })
    tracker.message({ conversationId: 'c', id: 'm2', role: 'user', body: 'next' })
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Sent'])
    expect(props('Message Sent')).toEqual({ conversationId: 'c', messageId: 'm1', message_body: 'hi', role: 'customer', ok: 1 })
    expect(errors.map((e) => e.code)).toEqual(['invalid_property'])
    expect(errors[0].message).toContain('property "nested"')
  })

  test('the client receives a snapshot: later mutation of the caller’s object changes nothing', () => {
    const extra = { step: 1 }
    const { tracker, props } = setup()
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'hi', properties: { extra } })
    extra.step = 2
    expect(props('Message Sent').extra).toEqual({ step: 1 })
  })
})

describe('fast path for flat, small events', () => {
  test('a flat event under every limit is sent as it is (a copy, not the caller object)', () => {
    const { analytics, tracker } = setup({ properties: { plan: 'pro', seats: 3, trial: false, coupon: null } })
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: 'hi' })
    const sent = analytics.calls.at(-1) as { properties: Record<string, unknown> }
    expect(sent.properties).toEqual({ plan: 'pro', seats: 3, trial: false, coupon: null, conversationId: 'c', messageId: 'm1', message_body: 'hi', role: 'customer' })
  })

  test('characters JSON escapes (6 bytes each) cannot slip a too-large event past the guard', () => {
    const { errors, tracker, props } = setup()
    const escapes = '\u0001'.repeat(9000) // 9,000 UTF-8 bytes (under the 16 KB body cap), 54,000 bytes of JSON
    tracker.message({ conversationId: 'c', id: 'm1', role: 'user', body: escapes })
    expect(bytes(JSON.stringify(props('Message Sent')))).toBeLessThanOrEqual(MAX_PROPERTIES_BYTES)
    expect(errors.map((e) => e.code)).toEqual(['event_too_large'])
  })

  test('a value String() cannot convert (no prototype) takes the exact path and the event is still sent', () => {
    const { errors, tracker, props } = setup()
    const bare = Object.assign(Object.create(null), { a: 1 })
    tracker.track('c', 'Odd', { bare })
    expect(props('Odd')).toEqual({ conversationId: 'c', bare: { a: 1 } })
    expect(errors).toEqual([])
  })
})
