import { describe, expect, test, vi } from 'vitest'
import { createCopilotTracker, createKeyStore, segmentCopilot, type CopilotAnalyticsError, type CopilotSpec, type TrackerOptions } from '../../src/entries/core'
import { createMemoryAnalytics } from '../../src/entries/testing'

function make(options: Partial<TrackerOptions> = {}) {
  const analytics = createMemoryAnalytics()
  const errors: CopilotAnalyticsError[] = []
  const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore(), onError: (e) => errors.push(e), ...options })
  return { analytics, errors, tracker }
}

describe('createCopilotTracker (no React)', () => {
  test('a conversation: Started before the first Sent, Ended last with message_count', () => {
    const { analytics, tracker } = make()
    tracker.message({ conversationId: 'c1', id: 'm0', role: 'assistant', body: 'Hi, how can I help?' })
    tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Best stock?' })
    tracker.message({ conversationId: 'c1', id: 'm2', role: 'assistant', body: 'It depends.' })
    tracker.end('c1')
    tracker.end('c1')
    expect(analytics.events()).toEqual(['Message Received', 'Conversation Started', 'Message Sent', 'Message Received', 'Conversation Ended'])
    expect(analytics.calls.at(-1)).toEqual({ type: 'track', event: 'Conversation Ended', properties: { conversationId: 'c1', message_count: 3 } })
    expect(tracker.getConversation('c1')).toMatchObject({ isStarted: true, isEnded: true, messageCount: 3 })
  })

  test('no Conversation Ended for a conversation that never started', () => {
    const { analytics, tracker } = make()
    tracker.end('never')
    tracker.message({ conversationId: 'never', id: 'm0', role: 'assistant', body: 'Hello' })
    tracker.end('never')
    expect(analytics.events()).toEqual(['Message Received'])
  })

  test('a message after end() is sent and does not start the conversation again', () => {
    const { analytics, tracker } = make()
    tracker.start('c1')
    tracker.end('c1')
    tracker.message({ conversationId: 'c1', id: 'late', role: 'user', body: 'one more thing' })
    expect(analytics.events()).toEqual(['Conversation Started', 'Conversation Ended', 'Message Sent'])
  })

  test('provider properties are merged into every track call, the spec wins a clash, undefined is dropped', () => {
    const { analytics, tracker } = make({ properties: { assistantId: 'support-bot', conversationId: 'spoofed', gone: undefined } })
    tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi', properties: { plan: 'pro', nothing: undefined } })
    for (const call of analytics.calls) {
      if (call.type !== 'track') continue
      expect(call.properties.conversationId).toBe('c1')
      expect(call.properties.assistantId).toBe('support-bot')
      expect(Object.values(call.properties)).not.toContain(undefined)
      expect(Object.keys(call.properties)).not.toContain('gone')
    }
    expect(analytics.calls.at(-1)).toMatchObject({ properties: { plan: 'pro' } })
    expect(Object.keys((analytics.calls.at(-1) as { properties: object }).properties)).not.toContain('nothing')
  })

  test('Identify once per distinct userId, before the first track call, anonymous when no userId', () => {
    const { analytics, tracker } = make({ anonymousId: 'anon-1' })
    tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
    tracker.configure({ userId: 'u1', traits: { plan: 'pro' } })
    tracker.message({ conversationId: 'c1', id: 'm2', role: 'user', body: 'Again' })
    tracker.configure({ userId: 'u1' })
    tracker.syncIdentity()
    expect(analytics.calls.map((c) => (c.type === 'identify' ? `identify:${c.userId ?? ''}:${c.anonymousId ?? ''}` : c.event))).toEqual([
      'identify::anon-1',
      'Conversation Started',
      'Message Sent',
      'identify:u1:anon-1',
      'Message Sent',
    ])
    expect(analytics.calls[3]).toEqual({ type: 'identify', userId: 'u1', anonymousId: 'anon-1', traits: { plan: 'pro' } })
  })

  test('a client that throws or rejects reports client_error and later events still go out', async () => {
    const failing = {
      track: vi.fn((event: string) => {
        if (event === 'Conversation Started') throw new Error('boom')
        if (event === 'Message Sent') return Promise.reject(new Error('network down'))
        return undefined
      }),
      identify: vi.fn(),
    }
    const { errors, tracker } = make({ analytics: failing })
    tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
    tracker.message({ conversationId: 'c1', id: 'm2', role: 'assistant', body: 'Hello' })
    await Promise.resolve()
    expect(failing.track.mock.calls.map((c) => c[0])).toEqual(['Conversation Started', 'Message Sent', 'Message Received'])
    expect(errors.map((e) => [e.code, e.message])).toEqual([
      ['client_error', expect.stringContaining('"Conversation Started"')],
      ['client_error', expect.stringContaining('network down')],
    ])
    expect((errors[0].cause as Error).message).toBe('boom')
  })

  test('a client that returns a strange thenable: nothing thrown, a then that throws is client_error, later events still go out', async () => {
    const thenables: Record<string, unknown> = {
      'Conversation Started': {
        then() {
          throw new Error('bad then')
        },
      },
      'Message Sent': new Proxy({}, { get: () => { throw new Error('trap') } }),
      'Message Received': { then: () => {} }, // never settles
    }
    const client = { track: vi.fn((event: string) => thenables[event]), identify: vi.fn() }
    const { errors, tracker } = make({ analytics: client })
    expect(() => {
      tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
      tracker.message({ conversationId: 'c1', id: 'm2', role: 'assistant', body: 'Hello' })
      tracker.message({ conversationId: 'c1', id: 'm3', role: 'user', body: 'More' })
    }).not.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 0))
    expect(client.track.mock.calls.map((c) => c[0])).toEqual(['Conversation Started', 'Message Sent', 'Message Received', 'Message Sent'])
    expect(errors.map((e) => [e.code, (e.cause as Error).message])).toEqual([
      ['client_error', 'bad then'],
      ['client_error', 'trap'],
      ['client_error', 'trap'],
    ])
  })

  test('a client without track() is a client_error, not a crash', () => {
    const { errors, tracker } = make({ analytics: {} as never })
    expect(() => tracker.message({ conversationId: 'c1', id: 'm1', role: 'agent', body: 'x' })).not.toThrow()
    expect(errors.map((e) => e.code)).toEqual(['client_error'])
  })

  test('an onError that throws is contained', () => {
    const { tracker } = make({
      onError: () => {
        throw new Error('bad handler')
      },
    })
    expect(() => tracker.feedback({ conversationId: 'c1', rating: Number.NaN })).not.toThrow()
  })

  test('the default onError warns once per error, prefixed with the package name', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    const tracker = createCopilotTracker({ analytics: createMemoryAnalytics(), keyStore: createKeyStore() })
    tracker.message({ conversationId: 'c1', id: '', role: 'user' })
    expect(warn).toHaveBeenCalledTimes(1)
    expect(warn.mock.calls[0][0]).toMatch(/^\[react-copilot-analytics\] .*non-empty string/)
    warn.mockRestore()
  })

  test('specs fan out in order; a spec that throws is reported and the others still send', () => {
    const shout: CopilotSpec = { name: 'shout', map: (e) => (e.type === 'message_sent' ? [{ type: 'track', event: 'SENT', properties: {} }] : []) }
    const broken: CopilotSpec = {
      name: 'broken',
      map: () => {
        throw new Error('nope')
      },
    }
    const { analytics, errors, tracker } = make({ spec: [segmentCopilot, broken, shout] })
    tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent', 'SENT'])
    expect(errors.map((e) => e.code)).toEqual(['spec_error', 'spec_error'])
    expect(errors[0].message).toContain('"broken"')
  })

  test('a spec that returns no array (or bad calls) is reported as spec_error, never thrown; the other specs still send', () => {
    const none = { name: 'none', map: () => undefined } as unknown as CopilotSpec
    const holes = { name: 'holes', map: () => [null] } as unknown as CopilotSpec
    const { analytics, errors, tracker } = make({ spec: [none, segmentCopilot, holes] })
    expect(() => tracker.message({ conversationId: 'c1', id: 'm1', role: 'user', body: 'Hi' })).not.toThrow()
    expect(analytics.events()).toEqual(['Conversation Started', 'Message Sent'])
    expect(errors.map((e) => e.code)).toEqual(['spec_error', 'spec_error', 'spec_error', 'spec_error'])
    expect(errors[0].message).toContain('"none"')
    expect(errors[1].message).toContain('"holes"')
  })

  test('Conversation Ended carries the duration for vocabularies that want it', () => {
    let now = 1_000
    const spy: CopilotSpec = { name: 'spy', map: (e) => (e.type === 'conversation_ended' ? [{ type: 'track', event: 'End', properties: { ms: e.durationMs } }] : []) }
    const { analytics, tracker } = make({ spec: spy, now: () => now })
    tracker.start('c1')
    now = 62_500
    tracker.end('c1')
    expect(analytics.calls).toEqual([{ type: 'track', event: 'End', properties: { ms: 61_500 } }])
  })

  test('actions: one-shot, lifecycle, and once per id', () => {
    const lifecycle: CopilotSpec = {
      name: 'lifecycle',
      map: (e) => (e.type === 'action_started' || e.type === 'action_completed' ? [{ type: 'track', event: e.type, properties: { action: e.action, reason: e.type === 'action_completed' ? e.reason : undefined } }] : []),
    }
    const { analytics, tracker } = make({ spec: [segmentCopilot, lifecycle] })
    tracker.action({ conversationId: 'c1', type: 'Inventory Request', action: 'check stock level', id: 't1' })
    tracker.action({ conversationId: 'c1', type: 'Inventory Request', action: 'check stock level', id: 't1' })
    const handle = tracker.startAction({ conversationId: 'c1', type: 'Search', action: 'web search' })
    expect(analytics.events()).toEqual(['Action Invoked', 'action_started', 'action_completed', 'Action Invoked', 'action_started'])
    handle.complete({ reason: 'done' })
    handle.complete({ reason: 'again' })
    expect(analytics.events().slice(5)).toEqual(['action_completed'])
    expect(analytics.calls.at(-1)).toMatchObject({ properties: { action: 'web search', reason: 'done' } })
  })
})
