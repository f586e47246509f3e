// @vitest-environment node
import { Analytics } from '@segment/analytics-node'
import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createCollector, type Collector } from '../../collector/server.mjs'
import { createCopilotTracker, createKeyStore, type CopilotAnalyticsError } from '../../src/entries/core'
import { deterministicMessageIds } from '../../src/entries/dedupe'
import { analyticsNodeClient } from '../../src/entries/server'

// The real @segment/analytics-node 3.1.0 posting to the local collector's /v1/batch.
let collector: Collector
beforeAll(async () => {
  collector = createCollector() // a free port
  await collector.listen()
})
afterAll(() => collector.close())
beforeEach(() => collector.reset())

const segment = () => new Analytics({ writeKey: 'server-key', host: collector.url, flushInterval: 20, maxRetries: 0 })

describe('analyticsNodeClient with the real analytics-node', () => {
  test('each call reaches /v1/batch with the identity, the spec properties and the deterministic messageId', async () => {
    const node = segment()
    const errors: CopilotAnalyticsError[] = []
    const tracker = createCopilotTracker({
      analytics: analyticsNodeClient(node, { userId: 'u1' }),
      keyStore: createKeyStore(),
      messageIds: deterministicMessageIds({ namespace: 'acme' }),
      onError: (error) => errors.push(error),
    })
    tracker.message({ conversationId: 'c1', id: 'msg-1', role: 'assistant', body: 'Twelve left.', properties: { model: 'gpt-test', total_tokens: 18, finish_reason: 'stop' } })
    tracker.feedback({ conversationId: 'c1', messageId: 'msg-1', rating: 1 })
    await node.closeAndFlush()
    const events = collector.events
    expect(events.map((e) => [e.type, e.event, e.userId])).toEqual([
      ['track', 'Message Received', 'u1'],
      ['track', 'Feedback Submitted', 'u1'],
    ])
    expect(events[0].properties).toEqual({ conversationId: 'c1', messageId: 'msg-1', message_body: 'Twelve left.', role: 'agent', model: 'gpt-test', total_tokens: 18, finish_reason: 'stop' })
    expect(events[0].context.library.name).toBe('@segment/analytics-node')
    for (const event of events) expect(event.messageId).toMatch(/^rca1-[0-9a-f]{32}$/)
    expect(collector.requests.every((r) => r.path === '/v1/batch' && r.status === 200)).toBe(true)
    expect(errors).toEqual([])
  })

  test('many users in one process: each request its own client and user, one key store; a repeated onFinish reports once', async () => {
    const node = segment()
    const keyStore = createKeyStore()
    const messageIds = deterministicMessageIds({ namespace: 'acme' })
    const request = (userId: string, conversationId: string, replyId: string) => {
      const tracker = createCopilotTracker({ analytics: analyticsNodeClient(node, { userId }), keyStore, messageIds })
      tracker.message({ conversationId, id: replyId, role: 'assistant', body: 'ok' })
    }
    request('alice', 'ca', 'ra')
    request('bob', 'cb', 'rb')
    request('alice', 'ca', 'ra') // onFinish again (a multi-step reply, a retried request)
    await node.closeAndFlush()
    expect(collector.events.map((e) => [e.userId, e.properties.conversationId])).toEqual([
      ['alice', 'ca'],
      ['bob', 'cb'],
    ])
    // No Identify: the identity travels on each call; the tracker was given no userId.
    expect(collector.events.every((e) => e.type === 'track')).toBe(true)
  })

  test('an anonymous visitor, and an Identify through the adapter, carry the anonymousId', async () => {
    const node = segment()
    const tracker = createCopilotTracker({ analytics: analyticsNodeClient(node, { anonymousId: 'anon-1' }), keyStore: createKeyStore(), userId: 'u9', traits: { plan: 'pro' } })
    tracker.message({ conversationId: 'c2', id: 'q1', role: 'user', body: 'Hi' })
    await node.closeAndFlush()
    expect(collector.events.map((e) => [e.type, e.event ?? null, e.userId, e.anonymousId])).toEqual([
      ['identify', null, 'u9', 'anon-1'],
      ['track', 'Conversation Started', undefined, 'anon-1'],
      ['track', 'Message Sent', undefined, 'anon-1'],
    ])
    expect(collector.events[0].traits).toEqual({ plan: 'pro' })
  })

  test('no identity, or a delivery failure, reaches onError as client_error; nothing throws into the route', async () => {
    const node = segment()
    const errors: CopilotAnalyticsError[] = []
    const anonymous = createCopilotTracker({ analytics: analyticsNodeClient(node, {}), keyStore: createKeyStore(), onError: (error) => errors.push(error) })
    expect(() => anonymous.message({ conversationId: 'c3', id: 'r1', role: 'assistant', body: 'x' })).not.toThrow()
    expect(errors.map((e) => [e.code, String((e.cause as Error).message)])).toEqual([['client_error', expect.stringContaining('needs a userId or an anonymousId')]])

    collector.fail({ status: 400, times: 1 })
    const failing = createCopilotTracker({ analytics: analyticsNodeClient(node, { userId: 'u1' }), keyStore: createKeyStore(), onError: (error) => errors.push(error) })
    failing.message({ conversationId: 'c3', id: 'r2', role: 'assistant', body: 'x' })
    await node.closeAndFlush()
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(errors.map((e) => e.code)).toEqual(['client_error', 'client_error'])
  })
})
