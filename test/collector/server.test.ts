import { afterAll, beforeAll, beforeEach, describe, expect, test } from 'vitest'
import { createCollector, DEDUPE_WINDOW_MS, MAX_EVENT_BYTES, type Collector } from '../../collector/server.mjs'

// This suite's port (the e2e suite uses 6201-6289).
const PORT = 6290
let collector: Collector
let url: string

beforeAll(async () => {
  collector = createCollector({ port: PORT })
  url = (await collector.listen()).url
})
afterAll(() => collector.close())
beforeEach(() => collector.reset())

const auth = { Authorization: 'Basic ' + Buffer.from('key:').toString('base64') }
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url + path, { method: 'POST', headers: { 'Content-Type': 'text/plain', ...auth, ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) })
const track = (messageId: string, extra: Record<string, unknown> = {}) => ({ type: 'track', event: 'Message Sent', messageId, anonymousId: 'a1', properties: {}, ...extra })

describe('tracking API', () => {
  test('each single-event endpoint stores its event with the type the path names', async () => {
    for (const [path, type] of [['t', 'track'], ['i', 'identify'], ['p', 'page'], ['g', 'group'], ['a', 'alias']]) {
      const res = await post('/v1/' + path, { messageId: 'id-' + path, anonymousId: 'a1' })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ success: true })
      expect(collector.events.at(-1)).toMatchObject({ type, messageId: 'id-' + path, _path: '/v1/' + path })
    }
    expect(collector.stats()).toMatchObject({ requests: 5, accepted: 5, received: 5, unique: 5, duplicates: 0 })
  })

  test('a batch stores each event in order and records X-Retry-Count', async () => {
    const res = await post('/v1/b', { writeKey: 'key', batch: [track('b1'), track('b2'), track('b3')], sentAt: new Date().toISOString() }, { 'X-Retry-Count': '2' })
    expect(res.status).toBe(200)
    expect(collector.events.map((e) => e.messageId)).toEqual(['b1', 'b2', 'b3'])
    expect(collector.events.every((e) => e._retryCount === 2)).toBe(true)
    expect(collector.requests).toEqual([expect.objectContaining({ path: '/v1/b', status: 200, events: 3, retryCount: 2 })])
  })

  test('dedupes by the top-level messageId and counts the duplicates', async () => {
    await post('/v1/b', { batch: [track('d1'), track('d2')] })
    await post('/v1/b', { batch: [track('d1', { properties: { changed: true } }), track('d3')] })
    expect(collector.events.map((e) => e.messageId)).toEqual(['d1', 'd2', 'd3'])
    expect(collector.events[0].properties).toEqual({}) // the first copy is kept
    expect(collector.timesSeen('d1')).toBe(2)
    expect(collector.stats()).toMatchObject({ received: 4, unique: 3, duplicates: 1 })
  })

  // test/e2e/nextjs.test.ts kept `collector.events` as the baseline before a new tab's events and
  // compared the events after it with events.slice(baseline.length): with the live array both were
  // the same array, so that slice was always empty (and "a reload sends nothing" compared it with itself).
  test('events, requests and what waitFor resolves with are copies: a baseline kept from them does not grow', async () => {
    await post('/v1/b', { batch: [track('e1')] })
    const baseline = collector.events
    const requests = collector.requests
    const waited = await collector.waitFor((events) => events.length >= 1)
    await post('/v1/b', { batch: [track('e2'), track('e3')] })
    expect(baseline.map((e) => e.messageId)).toEqual(['e1'])
    expect(waited.map((e) => e.messageId)).toEqual(['e1'])
    expect(requests).toHaveLength(1)
    expect(collector.events.slice(baseline.length).map((e) => e.messageId)).toEqual(['e2', 'e3'])
    expect(collector.requests).toHaveLength(2)
    collector.events.pop() // a caller's copy: the collector's own record is untouched
    expect(collector.events).toHaveLength(3)
  })

  test('the chat message id in properties is not the dedupe key', async () => {
    await post('/v1/b', { batch: [track('s1', { properties: { messageId: 'm1' } }), track('s2', { properties: { messageId: 'm1' } })] })
    expect(collector.stats()).toMatchObject({ unique: 2, duplicates: 0 })
  })

  test('answers the CORS preflight for text/plain JSON with Authorization and X-Retry-Count', async () => {
    const res = await fetch(url + '/v1/b', {
      method: 'OPTIONS',
      headers: { Origin: 'http://127.0.0.1:6201', 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type,authorization,x-retry-count' },
    })
    expect(res.status).toBe(204)
    expect(res.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:6201')
    expect(res.headers.get('access-control-allow-headers')).toMatch(/authorization/i)
    expect(res.headers.get('access-control-allow-headers')).toMatch(/x-retry-count/i)
    expect(res.headers.get('access-control-allow-methods')).toMatch(/POST/)
    expect(collector.stats().requests).toBe(0) // a preflight is not a tracking request
  })

  test('rejects an event over 32 KB with 400, alone or in a batch, and stores nothing from that request', async () => {
    const big = 'x'.repeat(MAX_EVENT_BYTES)
    expect((await post('/v1/t', track('big1', { properties: { big } }))).status).toBe(400)
    const res = await post('/v1/b', { batch: [track('ok1'), track('big2', { properties: { big } })] })
    expect(res.status).toBe(400)
    expect((await res.json()).error).toMatch(/32 KB/)
    expect(collector.events).toEqual([])
    expect(collector.stats()).toMatchObject({ rejected: 2, tooLarge: 2 })
  })

  test('a batch of small events may exceed 32 KB (up to 500 KB)', async () => {
    const batch = Array.from({ length: 20 }, (_, i) => track('many' + i, { properties: { body: 'y'.repeat(4000) } }))
    const res = await post('/v1/b', { batch })
    expect(res.status).toBe(200)
    expect(collector.stats().unique).toBe(20)
    expect((await post('/v1/b', { batch: Array.from({ length: 20 }, (_, i) => track('huge' + i, { properties: { body: 'z'.repeat(30_000) } })) })).status).toBe(400)
  })

  test('rejects what is not JSON or not an event, and unknown paths', async () => {
    expect((await post('/v1/t', 'not json')).status).toBe(400)
    expect((await post('/v1/b', { batch: 'nope' })).status).toBe(400)
    expect((await post('/v1/t', [1, 2])).status).toBe(400)
    expect((await post('/v1/x', {})).status).toBe(404)
    expect((await fetch(url + '/v1/t')).status).toBe(404)
    expect(collector.events).toEqual([])
  })
})

describe('dedupe as Segment does it', () => {
  test('the dedupe view lists each messageId sent more than once, how often, and the copy kept', async () => {
    await post('/v1/b', { batch: [track('v1'), track('v2', { event: 'Message Received' })] })
    await post('/v1/t', { ...track('v2', { event: 'Message Received', properties: { model: 'later copy' } }) })
    await post('/v1/b', { batch: [track('v2'), track('v3')] })
    expect(collector.duplicates()).toEqual([
      {
        messageId: 'v2',
        times: 3,
        event: expect.objectContaining({ event: 'Message Received', properties: {} }),
        dropped: [expect.objectContaining({ _path: '/v1/t', properties: { model: 'later copy' } }), expect.objectContaining({ _path: '/v1/b', event: 'Message Sent' })],
      },
    ])
    const res = await fetch(url + '/__control/duplicates')
    expect(await res.json()).toEqual([expect.objectContaining({ messageId: 'v2', times: 3 })])
    expect(collector.stats()).toMatchObject({ received: 5, unique: 3, duplicates: 2 })
  })

  test('a copy within the dedupe window (24 h) is dropped; one after it is kept again, as Segment may', async () => {
    expect(DEDUPE_WINDOW_MS).toBe(24 * 60 * 60 * 1000)
    let now = 0
    const windowed = createCollector({ port: PORT + 1, now: () => now })
    const { url: windowedUrl } = await windowed.listen()
    try {
      const send = (id: string) => fetch(windowedUrl + '/v1/batch', { method: 'POST', headers: auth, body: JSON.stringify({ batch: [track(id)] }) })
      await send('w1')
      now = DEDUPE_WINDOW_MS - 1
      await send('w1')
      expect(windowed.stats()).toMatchObject({ received: 2, unique: 1, duplicates: 1 })
      now = 2 * DEDUPE_WINDOW_MS
      await send('w1')
      expect(windowed.stats()).toMatchObject({ received: 3, unique: 2, duplicates: 1 })
      expect(windowed.events.map((e) => e.messageId)).toEqual(['w1', 'w1'])
    } finally {
      await windowed.close()
    }
  })

  test("analytics-node's and the HTTP API's endpoints: /v1/batch and the long names", async () => {
    expect((await post('/v1/batch', { batch: [track('n1'), track('n2')] })).status).toBe(200)
    expect((await post('/v1/track', { event: 'Message Sent', messageId: 'n3', userId: 'u1' })).status).toBe(200)
    expect((await post('/v1/identify', { messageId: 'n4', userId: 'u1' })).status).toBe(200)
    expect(collector.events.map((e) => [e.type, e.messageId, e._path])).toEqual([
      ['track', 'n1', '/v1/batch'],
      ['track', 'n2', '/v1/batch'],
      ['track', 'n3', '/v1/track'],
      ['identify', 'n4', '/v1/identify'],
    ])
  })
})

describe('simulated outages', () => {
  test('fail: the next N requests get the status (and Retry-After), then it recovers; failed requests store nothing', async () => {
    collector.fail({ status: 500, times: 2 })
    collector.fail({ status: 429, times: 1, retryAfter: 3 })
    const statuses: number[] = []
    let retryAfter: string | null = null
    for (let i = 0; i < 4; i++) {
      const res = await post('/v1/b', { batch: [track('f1')] }, { 'X-Retry-Count': String(i) })
      statuses.push(res.status)
      if (res.status === 429) retryAfter = res.headers.get('retry-after')
    }
    expect(statuses).toEqual([500, 500, 429, 200])
    expect(retryAfter).toBe('3')
    expect(collector.stats()).toMatchObject({ requests: 4, rejected: 3, accepted: 1, received: 1, unique: 1, duplicates: 0 })
  })

  test('delay: the answer waits', async () => {
    collector.delay({ ms: 300 })
    const start = performance.now()
    expect((await post('/v1/t', track('slow'))).status).toBe(200)
    expect(performance.now() - start).toBeGreaterThanOrEqual(280)
    const fast = performance.now()
    await post('/v1/t', track('fast'))
    expect(performance.now() - fast).toBeLessThan(250)
  })

  test('drop: the connection is cut without an answer; afterStore keeps the events (the retry is a duplicate)', async () => {
    collector.drop()
    await expect(post('/v1/t', track('lost'))).rejects.toThrow()
    expect(collector.events).toEqual([])
    collector.drop({ afterStore: true })
    await expect(post('/v1/t', track('kept'))).rejects.toThrow()
    expect(collector.events.map((e) => e.messageId)).toEqual(['kept'])
    expect((await post('/v1/t', track('kept'))).status).toBe(200) // the client's retry
    expect(collector.stats()).toMatchObject({ dropped: 2, unique: 1, duplicates: 1 })
    expect(collector.requests.map((r) => r.status)).toEqual(['dropped', 'dropped', 200])
  })
})

describe('control API', () => {
  test('over HTTP: fail, stats, events, reset', async () => {
    await fetch(url + '/__control/fail', { method: 'POST', body: JSON.stringify({ status: 503, times: 1 }) })
    expect((await post('/v1/t', track('h1'))).status).toBe(503)
    expect((await post('/v1/t', track('h1'))).status).toBe(200)
    expect(await (await fetch(url + '/__control/stats')).json()).toMatchObject({ requests: 2, rejected: 1, unique: 1 })
    expect((await (await fetch(url + '/__control/events')).json()).map((e: { messageId: string }) => e.messageId)).toEqual(['h1'])
    await fetch(url + '/__control/reset', { method: 'POST' })
    expect(await (await fetch(url + '/__control/stats')).json()).toMatchObject({ requests: 0, unique: 0 })
  })

  test('waitFor resolves when the condition holds and rejects with what arrived after the timeout', async () => {
    const waiting = collector.waitFor((events) => events.length === 2, 2000)
    await post('/v1/b', { batch: [track('w1', { event: 'A' }), track('w2', { event: 'B' })] })
    expect((await waiting).map((e) => e.messageId)).toEqual(['w1', 'w2'])
    await expect(collector.waitFor((events) => events.length > 5, 50)).rejects.toThrow(/within 50 ms; events: A, B/)
  })
})
