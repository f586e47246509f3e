import { describe, expect, test, vi } from 'vitest'
import { createCopilotTracker, createKeyStore, screebClient, screebCopilot, type ScreebFunction } from '../../src/entries/core'
import { checkConformance } from '../../src/entries/testing'
import { tabSessionId } from '../../src/specs/tabSessionId'
import { takeViolations } from '../conformance'
import { seedTracker } from './seedTracker'

// The examples of screeb-copilot-events.txt, with their values.
describe('screebCopilot', () => {
  test('prompt, response, satisfaction (strings) and conversion with the seed example values', () => {
    const { analytics, tracker, errors } = seedTracker(screebCopilot, { sessionId: 'sess_456' })
    const conversationId = 'conv_123'
    tracker.message({ conversationId, id: 'm1', role: 'user', body: 'How can I export my data?' })
    tracker.message({ conversationId, id: 'm2', role: 'assistant', body: 'You can export your data from the Settings page.' })
    tracker.feedback({ conversationId, messageId: 'm2', rating: 4, scale: 5 })
    tracker.conversion(conversationId, 'Data Exported', { format: 'csv' })
    expect(errors).toEqual([])
    expect(analytics.calls).toEqual([
      {
        type: 'track',
        event: 'screeb_copilot_user_prompt',
        properties: { prompt: 'How can I export my data?', conversation_id: 'conv_123', session_id: 'sess_456', message_id: 'm1' },
      },
      {
        type: 'track',
        event: 'screeb_copilot_response',
        properties: { response: 'You can export your data from the Settings page.', conversation_id: 'conv_123', session_id: 'sess_456', message_id: 'm2' },
      },
      {
        type: 'track',
        event: 'screeb_copilot_satisfaction',
        properties: { rating_scale: '5', rating: '4', conversation_id: 'conv_123', session_id: 'sess_456', message_id: 'm2' },
      },
      {
        type: 'track',
        event: 'screeb_copilot_conversion',
        properties: { format: 'csv', conversion_name: 'Data Exported', conversation_id: 'conv_123', session_id: 'sess_456' },
      },
    ])
    expect(checkConformance(analytics.calls, screebCopilot)).toEqual([])
  })

  test('events Screeb has no name for are not sent: start, end, actions, media, components, plain custom events', () => {
    const { analytics, tracker } = seedTracker(screebCopilot, { sessionId: 's' })
    tracker.start('c1')
    tracker.action({ conversationId: 'c1', type: 'Search', action: 'docs' })
    tracker.media({ conversationId: 'c1', type: 'image' })
    tracker.component({ conversationId: 'c1', type: 'Chart' })
    tracker.track('c1', 'Item Purchased')
    tracker.end('c1')
    expect(analytics.calls).toEqual([])
  })

  test('without a scale the satisfaction event lacks rating_scale, and the conformance check says so', () => {
    const { analytics, tracker } = seedTracker(screebCopilot, { sessionId: 's' })
    tracker.feedback({ conversationId: 'c1', rating: 1 })
    const [call] = analytics.calls
    expect(call).toEqual({ type: 'track', event: 'screeb_copilot_satisfaction', properties: { rating: '1', conversation_id: 'c1', session_id: 's' } })
    expect(checkConformance(analytics.calls, screebCopilot)).toEqual([
      { index: 0, event: 'screeb_copilot_satisfaction', spec: 'screeb-copilot', errors: ['properties.rating_scale: required, missing'] },
    ])
    // This test made that call on purpose: keep the suite-wide check (test/conformance.ts) quiet about it.
    expect(takeViolations()).toEqual(['"screeb_copilot_satisfaction" (screeb-copilot): properties.rating_scale: required, missing'])
  })

  test('session_id defaults to one id for the browser tab, kept in sessionStorage across trackers', () => {
    const first = seedTracker(screebCopilot)
    const second = seedTracker(screebCopilot)
    first.tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'a' })
    second.tracker.message({ conversationId: 'c2', id: 'm1', role: 'user', body: 'b' })
    const ids = [...first.analytics.calls, ...second.analytics.calls].map((call) => call.type === 'track' && call.properties.session_id)
    expect(ids[0]).toMatch(/^[0-9a-f-]{36}$/)
    expect(ids[1]).toBe(ids[0])
    expect(sessionStorage.getItem('react-copilot-analytics:session')).toBe(ids[0])
    expect(tabSessionId()).toBe(ids[0])
  })
})

test('without sessionStorage (a server, a sandboxed iframe) the session id is kept in memory, and nothing throws', () => {
  vi.stubGlobal('sessionStorage', undefined)
  try {
    const first = tabSessionId()
    expect(first).toMatch(/^[0-9a-f-]{36}$/)
    expect(tabSessionId()).toBe(first)
  } finally {
    vi.unstubAllGlobals()
  }
})

describe('screebClient', () => {
  function fakeScreeb() {
    const calls: unknown[][] = []
    const $screeb: ScreebFunction = (...args) => {
      calls.push(args)
    }
    return { $screeb, calls }
  }

  test('delivers track calls as $screeb("event.track", name, properties) and Identify as $screeb("identity", userId, traits)', () => {
    const { $screeb, calls } = fakeScreeb()
    const tracker = createCopilotTracker({
      analytics: screebClient($screeb),
      spec: screebCopilot,
      sessionId: 'sess_456',
      userId: 'u_1',
      traits: { plan: 'pro' },
      keyStore: createKeyStore(),
    })
    tracker.message({ conversationId: 'conv_123', id: 'm1', role: 'user', body: 'How can I export my data?' })
    tracker.feedback({ conversationId: 'conv_123', rating: 4, scale: 5 })
    expect(calls).toEqual([
      ['identity', 'u_1', { plan: 'pro' }],
      ['event.track', 'screeb_copilot_user_prompt', { prompt: 'How can I export my data?', conversation_id: 'conv_123', session_id: 'sess_456', message_id: 'm1' }],
      ['event.track', 'screeb_copilot_satisfaction', { rating_scale: '5', rating: '4', conversation_id: 'conv_123', session_id: 'sess_456' }],
    ])
  })

  test('uses window.$screeb, looked up at each call (the tag may load later); an anonymous Identify is not forwarded', () => {
    const client = screebClient()
    const { $screeb, calls } = fakeScreeb()
    vi.stubGlobal('$screeb', $screeb)
    try {
      client.identify(null, {}, { anonymousId: 'a1' })
      client.track('screeb_copilot_conversion', { conversation_id: 'c1', session_id: 's1' })
    } finally {
      vi.unstubAllGlobals()
    }
    expect(calls).toEqual([['event.track', 'screeb_copilot_conversion', { conversation_id: 'c1', session_id: 's1' }]])
  })

  test('without $screeb, or when it rejects, the error reaches onError as client_error naming the event; nothing throws', async () => {
    const errors: { code: string; message: string }[] = []
    const onError = (error: { code: string; message: string }) => errors.push(error)
    const missing = createCopilotTracker({ analytics: screebClient(), spec: screebCopilot, sessionId: 's', keyStore: createKeyStore(), onError })
    expect(() => missing.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })).not.toThrow()
    const rejecting = createCopilotTracker({
      analytics: screebClient(() => Promise.reject(new Error('quota exceeded'))),
      spec: screebCopilot,
      sessionId: 's',
      keyStore: createKeyStore(),
      onError,
    })
    rejecting.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
    await Promise.resolve()
    expect(errors.map((e) => e.code)).toEqual(['client_error', 'client_error'])
    expect(errors[0].message).toContain('"screeb_copilot_user_prompt"')
    expect(errors[0].message).toContain('load the Screeb tag')
    expect(errors[1].message).toContain('quota exceeded')
  })
})
