import { expect, test } from 'vitest'
import { createCopilotTracker } from '../../src/entries/core'
import { createKeyStore } from '../../src/core/keyStore'
import { createMemoryAnalytics } from '../../src/entries/testing'

function setup() {
  const analytics = createMemoryAnalytics()
  const clock = { now: 1_000 }
  const tracker = createCopilotTracker({ analytics, keyStore: createKeyStore(), now: () => clock.now })
  const received = () => analytics.calls.flatMap((call) => (call.type === 'track' && call.event === 'Message Received' ? [call.properties] : []))
  return { analytics, clock, tracker, received }
}

test('a streamed reply gets time to first content and time to complete, in whole milliseconds', () => {
  const { clock, tracker, received } = setup()
  tracker.message({ conversationId: 'c1', id: 'u1', role: 'user', body: 'Hi' })
  clock.now += 120.4
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', body: '', status: 'streaming' })
  clock.now += 300.2
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', body: 'Hel', status: 'streaming' })
  clock.now += 500
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', body: 'Hello there', status: 'streaming' })
  clock.now += 79.9
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', body: 'Hello there!' })
  expect(received()).toEqual([
    { conversationId: 'c1', messageId: 'a1', message_body: 'Hello there!', role: 'agent', time_to_first_token_ms: 421, response_time_ms: 1001 },
  ])
})

test('the clock starts at the latest Message Sent, and a reply is timed once', () => {
  const { clock, tracker, received } = setup()
  tracker.message({ conversationId: 'c1', id: 'u1', role: 'user', body: 'Hi' })
  clock.now += 5_000
  tracker.message({ conversationId: 'c1', id: 'u2', role: 'user', body: 'Anyone?' })
  clock.now += 40
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', body: 'Yes', status: 'streaming' })
  clock.now += 10
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', body: 'Yes!' })
  // A second reply with no new Message Sent in between has no wait to measure.
  tracker.message({ conversationId: 'c1', id: 'a2', role: 'assistant', body: '', status: 'streaming' })
  clock.now += 10
  tracker.message({ conversationId: 'c1', id: 'a2', role: 'assistant', body: 'Also...' })
  expect(received().map(({ time_to_first_token_ms, response_time_ms }) => [time_to_first_token_ms, response_time_ms])).toEqual([
    [40, 50],
    [undefined, undefined],
  ])
})

test('a reply first seen complete, or one with no Message Sent before it, gets no metrics', () => {
  const { clock, tracker, received } = setup()
  tracker.message({ conversationId: 'c1', id: 'a0', role: 'assistant', body: 'Welcome', status: 'streaming' })
  tracker.message({ conversationId: 'c1', id: 'a0', role: 'assistant', body: 'Welcome back' })
  tracker.message({ conversationId: 'c1', id: 'u1', role: 'user', body: 'Hi' })
  clock.now += 900
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', body: 'History, or rendered at once' })
  expect(received()).toEqual([
    { conversationId: 'c1', messageId: 'a0', message_body: 'Welcome back', role: 'agent' },
    { conversationId: 'c1', messageId: 'a1', message_body: 'History, or rendered at once', role: 'agent' },
  ])
})

test('a reply seen waiting with no content until it completes: first content is the completion', () => {
  const { clock, tracker, received } = setup()
  tracker.message({ conversationId: 'c1', id: 'u1', role: 'user', body: 'Hi' })
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', status: 'pending' })
  clock.now += 2_000
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', body: 'Done' })
  expect(received()[0]).toMatchObject({ time_to_first_token_ms: 2000, response_time_ms: 2000 })
})

test('a reply whose id changes while streaming keeps the time of its first content', () => {
  const { clock, tracker, received } = setup()
  tracker.message({ conversationId: 'c1', id: 'u1', role: 'user', body: 'Hi' })
  clock.now += 100
  tracker.message({ conversationId: 'c1', id: 'client-id', role: 'assistant', body: 'He', status: 'streaming' })
  clock.now += 100
  tracker.message({ conversationId: 'c1', id: 'server-id', role: 'assistant', body: 'Hello', status: 'streaming' })
  tracker.message({ conversationId: 'c1', id: 'server-id', role: 'assistant', body: 'Hello' })
  expect(received()[0]).toMatchObject({ messageId: 'server-id', time_to_first_token_ms: 100, response_time_ms: 200 })
})

test('conversations are timed apart, the caller may override the figures, and a clock going back gives 0', () => {
  const { clock, tracker, received } = setup()
  tracker.message({ conversationId: 'c1', id: 'u1', role: 'user', body: 'Hi' })
  clock.now += 10
  tracker.message({ conversationId: 'c2', id: 'u2', role: 'user', body: 'Hi' })
  tracker.message({ conversationId: 'c2', id: 'a2', role: 'assistant', body: 'x', status: 'streaming' })
  clock.now -= 50
  tracker.message({ conversationId: 'c2', id: 'a2', role: 'assistant', body: 'x' })
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', body: 'y', status: 'streaming' })
  tracker.message({ conversationId: 'c1', id: 'a1', role: 'assistant', body: 'y', properties: { response_time_ms: 7 } })
  expect(received().map(({ conversationId, time_to_first_token_ms, response_time_ms }) => [conversationId, time_to_first_token_ms, response_time_ms])).toEqual([
    ['c2', 0, 0],
    ['c1', 0, 7],
  ])
})

test('memory for the metrics is bounded: the oldest of many waiting conversations is forgotten', () => {
  const { clock, tracker, received } = setup()
  for (let i = 0; i < 150; i++) tracker.message({ conversationId: 'c' + i, id: 'u', role: 'user', body: 'Hi' })
  clock.now += 30
  for (const i of [0, 49, 50, 149]) {
    tracker.message({ conversationId: 'c' + i, id: 'a', role: 'assistant', body: 'ok', status: 'streaming' })
    tracker.message({ conversationId: 'c' + i, id: 'a', role: 'assistant', body: 'ok' })
  }
  expect(received().map((p) => [p.conversationId, p.response_time_ms])).toEqual([
    ['c0', undefined],
    ['c49', undefined],
    ['c50', 30],
    ['c149', 30],
  ])
})
