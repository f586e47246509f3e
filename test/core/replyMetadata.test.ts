import { describe, expect, test } from 'vitest'
import {
  createCopilotTracker,
  createKeyStore,
  replyCost,
  screebCopilot,
  segmentCopilot,
  segmentCopilotLegacy,
  segmentLiveChat,
  watsonxAssistant,
  withCost,
  type CopilotAnalyticsError,
  type CopilotSpec,
  type TrackerOptions,
} from '../../src/entries/core'
import { assertConformance, createMemoryAnalytics } from '../../src/entries/testing'
import { createReplyLifecycle } from '../../src/core/replyLifecycle'

function make(options: Partial<TrackerOptions> = {}) {
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore(), onError: (e) => errors.push(e), ...options })
  return { analytics, errors, tracker }
}
const last = (analytics: ReturnType<typeof createMemoryAnalytics>) => (analytics.calls.at(-1) as { properties: Record<string, unknown> }).properties

const METADATA = { model: 'gpt-5.1', provider: 'openai', input_tokens: 1200, output_tokens: 300, total_tokens: 1500, finish_reason: 'stop', trace_id: 'trace-42' }

describe('reply metadata on Message Received', () => {
  test('every field is sent under its snake-case name, with the reply', () => {
    const { analytics, errors, tracker } = make()
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', body: 'Hi', metadata: METADATA })
    expect(last(analytics)).toEqual({ conversationId: 'c', messageId: 'a1', message_body: 'Hi', role: 'agent', ...METADATA })
    expect(errors).toEqual([])
  })

  test('absent when unknown: no metadata, undefined fields, an empty object send nothing extra and report nothing', () => {
    const { analytics, errors, tracker } = make()
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', body: 'Hi' })
    tracker.message({ conversationId: 'c', id: 'a2', role: 'assistant', body: 'Hi', metadata: { model: undefined, input_tokens: undefined } })
    tracker.message({ conversationId: 'c', id: 'a3', role: 'assistant', body: 'Hi', metadata: {} })
    for (const call of analytics.calls) expect(Object.keys((call as { properties: object }).properties).sort()).toEqual(['conversationId', 'message_body', 'messageId', 'role'].sort())
    expect(errors).toEqual([])
  })

  test.each([
    ['an empty model', { model: '' }],
    ['a number as the model', { model: 5 }],
    ['a negative token count', { input_tokens: -1 }],
    ['a fractional token count', { output_tokens: 1.5 }],
    ['a token count as a string', { total_tokens: '12' }],
    ['NaN tokens', { input_tokens: NaN }],
    ['Infinity tokens', { output_tokens: Infinity }],
    ['an object as finish_reason', { finish_reason: { why: 'stop' } }],
  ])('%s is left out and reported (invalid_property), the rest is sent', (_, bad) => {
    const { analytics, errors, tracker } = make()
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', body: 'Hi', metadata: { ...METADATA, ...bad } as never })
    const [key] = Object.keys(bad)
    const sent = last(analytics)
    expect(sent).not.toHaveProperty(key)
    expect(sent).toMatchObject({ messageId: 'a1', ...Object.fromEntries(Object.entries(METADATA).filter(([k]) => k !== key)) })
    expect(errors.map((e) => e.code)).toEqual(['invalid_property'])
    expect(errors[0].message).toContain(key)
  })

  test('hostile metadata (a getter that throws, a revoked Proxy, an array, a string) never throws nor costs the reply', () => {
    const { analytics, errors, tracker } = make()
    const revoked = Proxy.revocable({}, {})
    revoked.revoke()
    const getter = Object.defineProperty({ model: 'm' }, 'provider', { enumerable: true, get: () => { throw new Error('boom') } })
    for (const [i, metadata] of [getter, revoked.proxy, ['gpt'], 'gpt'].entries()) {
      expect(() => tracker.message({ conversationId: 'c', id: 'a' + i, role: 'assistant', body: 'Hi', metadata: metadata as never })).not.toThrow()
    }
    expect(analytics.events()).toEqual(['Message Received', 'Message Received', 'Message Received', 'Message Received'])
    expect((analytics.calls[0] as { properties: object }).properties).toMatchObject({ model: 'm' })
    expect(errors.map((e) => e.code)).toEqual(['invalid_property', 'invalid_property', 'invalid_property', 'invalid_property'])
  })

  test('a field named like a token count is checked as one; any other extra field must be a non-empty string', () => {
    const { analytics, errors, tracker } = make()
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', body: 'Hi', metadata: { cached_input_tokens: 100, reasoning_tokens: -3, region: 'eu' } as never })
    expect(last(analytics)).toMatchObject({ cached_input_tokens: 100, region: 'eu' })
    expect(last(analytics)).not.toHaveProperty('reasoning_tokens')
    expect(errors.map((e) => e.code)).toEqual(['invalid_property'])
  })

  test('the caller\'s properties win over metadata of the same name, and the response-time metrics stay', () => {
    let now = 1000
    const { analytics, tracker } = make({ now: () => now })
    tracker.message({ conversationId: 'c', id: 'u1', role: 'user', body: 'Q' })
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', status: 'streaming', body: 'A' })
    now = 1500
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', body: 'A', metadata: { model: 'm1', trace_id: 't1' }, properties: { model: 'override' } })
    expect(last(analytics)).toMatchObject({ model: 'override', trace_id: 't1', time_to_first_token_ms: 0, response_time_ms: 500 })
  })

  test('history sends nothing, metadata or not; a reply is sent once with the metadata of its first complete render', () => {
    const { analytics, tracker } = make()
    tracker.message({ conversationId: 'c', id: 'h1', role: 'assistant', body: 'Old', history: true, metadata: METADATA })
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', body: 'Hi', metadata: { model: 'm1' } })
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', body: 'Hi', metadata: { model: 'm2' } })
    expect(analytics.events()).toEqual(['Message Received'])
    expect(last(analytics).model).toBe('m1')
  })

  test('the reply lifecycle passes a reply\'s metadata on its Message Received', () => {
    const { analytics, tracker } = make()
    const lifecycle = createReplyLifecycle(tracker)
    const user = { id: 'u1', role: 'user', parts: [{ type: 'text' as const, text: 'Q' }] }
    lifecycle.update({ chat: 'c', conversationId: 'c', status: 'busy', messages: [user] })
    lifecycle.update({ chat: 'c', conversationId: 'c', status: 'idle', messages: [user, { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'A' }], metadata: { model: 'm', input_tokens: 3, output_tokens: 4 } }] })
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    expect(last(analytics)).toMatchObject({ model: 'm', input_tokens: 3, output_tokens: 4, reply_status: 'complete' })
  })
})

describe('other vocabularies carry the metadata on their reply event, as extra properties', () => {
  const builtIn: CopilotSpec[] = [segmentCopilot, segmentCopilotLegacy, segmentLiveChat, watsonxAssistant, screebCopilot]
  test.each(builtIn.map((spec) => [spec.name, spec] as const))('%s: on its reply event, conforming to its schema (cost_usd too)', (_, spec) => {
    const { analytics, errors, tracker } = make({ spec: withCost(spec, { 'gpt-5.1': { input: 1.25, output: 10 } }) })
    tracker.message({ conversationId: 'c', id: 'u1', role: 'user', body: 'Q' })
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', body: 'A', metadata: METADATA })
    expect(last(analytics)).toMatchObject({ ...METADATA, cost_usd: 0.0045 })
    assertConformance(analytics.calls as never, spec)
    expect(errors).toEqual([])
  })
})

describe('withCost / replyCost', () => {
  const prices = { 'gpt-5.1': { input: 1.25, output: 10 }, free: { input: 0, output: 0 } }

  test('USD from the model, both token counts and the price per million tokens, without floating-point noise', () => {
    expect(replyCost({ model: 'gpt-5.1', input_tokens: 1200, output_tokens: 300 }, prices)).toBe(0.0045)
    expect(replyCost({ model: 'free', input_tokens: 1, output_tokens: 1 }, prices)).toBe(0)
    expect(replyCost({ model: 'gpt-5.1', input_tokens: 1, output_tokens: 2 }, { 'gpt-5.1': { input: 0.1, output: 0.2 } })).toBe(5e-7)
    expect(replyCost({ model: 'gpt-5.1', input_tokens: 1_000_000, output_tokens: 1_000_000 }, { 'gpt-5.1': { input: 0.1, output: 0.2 } })).toBe(0.3)
  })

  test('never guessed: unknown model, a missing token count, a bad price, an inherited key give no cost', () => {
    expect(replyCost({ model: 'other', input_tokens: 1, output_tokens: 1 }, prices)).toBeUndefined()
    expect(replyCost({ model: 'gpt-5.1', total_tokens: 10 }, prices)).toBeUndefined()
    expect(replyCost({ model: 'gpt-5.1', input_tokens: 1, output_tokens: 1 }, { 'gpt-5.1': { input: -1, output: 1 } })).toBeUndefined()
    expect(replyCost({ model: 'gpt-5.1', input_tokens: 1, output_tokens: 1 }, { 'gpt-5.1': { input: NaN, output: 1 } } as never)).toBeUndefined()
    expect(replyCost({ model: 'toString', input_tokens: 1, output_tokens: 1 }, prices)).toBeUndefined()
    expect(replyCost({ model: '__proto__', input_tokens: 1, output_tokens: 1 }, prices)).toBeUndefined()
  })

  test('only Message Received gets cost_usd, a cost given by the app is kept, a hostile table costs the cost and not the event', () => {
    const hostile = new Proxy({}, { getOwnPropertyDescriptor: () => { throw new Error('no') }, get: () => { throw new Error('no') } })
    const { analytics, errors, tracker } = make({ spec: [withCost(segmentCopilot, prices), withCost(segmentCopilotLegacy, hostile)] })
    tracker.message({ conversationId: 'c', id: 'u1', role: 'user', body: 'Q', metadata: METADATA })
    tracker.message({ conversationId: 'c', id: 'a1', role: 'assistant', body: 'A', metadata: METADATA })
    tracker.message({ conversationId: 'c', id: 'a2', role: 'assistant', body: 'A', metadata: METADATA, properties: { cost_usd: 1 } })
    const calls = analytics.calls as { event: string; properties: Record<string, unknown> }[]
    expect(calls.map((call) => [call.event, call.properties.cost_usd])).toEqual([
      ['Conversation Started', undefined],
      ['Conversation Started', undefined],
      ['Message Sent', undefined],
      ['Message Sent', undefined],
      ['Message Received', 0.0045],
      ['Message Received', undefined],
      ['Message Received', 1],
      ['Message Received', 1],
    ])
    expect(errors).toEqual([])
    expect(withCost(segmentCopilot, prices).name).toBe('segment-ai-copilot')
  })
})
