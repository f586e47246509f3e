#!/usr/bin/env node
// A local Segment-compatible collector for tests and demos: it speaks the tracking API that
// @segment/analytics-next posts to (/v1/t /v1/i /v1/p /v1/g /v1/a and the /v1/b batch) and the one
// @segment/analytics-node and the HTTP API use (/v1/batch, /v1/track, /v1/identify...), keeps what it
// receives in memory, dedupes by Segment's top-level messageId as Segment does (the first copy kept,
// later ones within the dedupe window dropped and counted), and can be told to fail so that retries
// and outages can be tested. No framework, no dependency.
//
//   node collector/server.mjs --port 6200        (or: npm run collector -- --port 6200)
//
// Control it in-process (createCollector()) or over HTTP on the same port:
//   GET  /__control/events   unique events in arrival order     GET /__control/stats   counts
//   GET  /__control/duplicates  each messageId that arrived more than once, with its count
//   POST /__control/fail     {"status":500,"times":3,"retryAfter":1}
//   POST /__control/delay    {"ms":2000,"times":1}              POST /__control/drop  {"times":1,"afterStore":false}
//   POST /__control/reset
import { createServer } from 'node:http'
import { fileURLToPath } from 'node:url'

/** Segment rejects a single event over 32 KB and a batch over 500 KB with 400. */
export const MAX_EVENT_BYTES = 32 * 1024
export const MAX_BATCH_BYTES = 500 * 1024

/** The single-event endpoints and the type each one takes. */
export const SINGLE_ENDPOINTS = { t: 'track', i: 'identify', p: 'page', g: 'group', a: 'alias', s: 'screen' }

/** The HTTP API's (and analytics-node's) long names for the same endpoints; `batch` is `b`. */
const LONG_NAMES = { track: 't', identify: 'i', page: 'p', group: 'g', alias: 'a', screen: 's', batch: 'b' }

/**
 * How long a messageId is remembered. Segment's "Handling Duplicate Data" guide: messageIds are kept
 * for at least 24 hours, so a copy arriving within 24 hours of the first is dropped; a later one may
 * be kept. This collector drops exactly within the window and keeps what comes after it.
 */
export const DEDUPE_WINDOW_MS = 24 * 60 * 60 * 1000

/**
 * @typedef {Record<string, any>} SegmentEvent  An event as posted, plus `_path` and `_retryCount` (the X-Retry-Count header) as received.
 * @typedef {{ path: string, status: number | 'dropped', events: number, retryCount: number, bytes: number }} RequestLog
 * @typedef {{ kind: 'fail', status: number, retryAfter?: number } | { kind: 'delay', ms: number } | { kind: 'drop', afterStore: boolean }} Fault
 * @typedef {{
 *   requests: number, accepted: number, rejected: number, dropped: number,
 *   received: number, unique: number, duplicates: number, tooLarge: number
 * }} CollectorStats
 *   received: events in accepted requests (duplicates included); unique: events kept (the first copy of each messageId in its dedupe window);
 *   duplicates: received - unique; rejected: requests answered 4xx/5xx; dropped: connections cut.
 */

/**
 * Creates a collector; call `listen()` to start it.
 *
 * @param {{ port?: number, host?: string, log?: (line: string) => void, dedupeWindowMs?: number, now?: () => number }} [options]
 *   dedupeWindowMs: how long a messageId is remembered (default {@link DEDUPE_WINDOW_MS}); now: the clock, for tests.
 * @example
 * const collector = createCollector()
 * const { url } = await collector.listen()     // http://127.0.0.1:PORT
 * collector.fail({ status: 500, times: 2 })    // the next 2 tracking requests fail
 * // ... load AnalyticsBrowser with apiHost `${url.slice(7)}/v1`, send events ...
 * collector.stats()                            // { received, unique, duplicates, ... }
 * await collector.close()
 */
export function createCollector({ port = 0, host = '127.0.0.1', log, dedupeWindowMs = DEDUPE_WINDOW_MS, now = Date.now } = {}) {
  /** @type {SegmentEvent[]} */
  let events = []
  /** @type {Map<string, number>} how often each messageId arrived */
  let seen = new Map()
  /** @type {Map<string, { at: number, event: SegmentEvent, dropped: SegmentEvent[] }>} when each messageId was last kept, that copy, and the copies dropped since */
  let kept = new Map()
  /** @type {RequestLog[]} */
  let requests = []
  /** @type {Fault[]} applied one per tracking request, in order */
  let faults = []
  /** @type {CollectorStats} */
  let counts = zero()
  /** @type {Set<(event: SegmentEvent) => void>} */
  const listeners = new Set()
  /** @type {Set<import('node:net').Socket>} */
  const sockets = new Set()

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      log?.(`collector error: ${error?.stack ?? error}`)
      if (!res.headersSent) send(res, 500, { error: 'collector error' })
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })

  /** @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function handle(req, res) {
    const origin = req.headers.origin
    // analytics-next posts text/plain JSON with an Authorization header (and X-Retry-Count on
    // retries), so a page on another origin needs these allowed in the preflight.
    res.setHeader('Access-Control-Allow-Origin', origin ?? '*')
    res.setHeader('Vary', 'Origin')
    if (origin) res.setHeader('Access-Control-Allow-Credentials', 'true')
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'POST, GET, OPTIONS',
        'Access-Control-Allow-Headers': req.headers['access-control-request-headers'] ?? 'Content-Type, Authorization, X-Retry-Count',
        'Access-Control-Max-Age': '600',
      })
      return void res.end()
    }
    const path = (req.url ?? '/').split('?')[0]
    if (path.startsWith('/__control/')) return control(path.slice('/__control/'.length), req, res)

    const match = /^\/v1\/([tipgasb]|track|identify|page|group|alias|screen|batch)$/.exec(path)
    if (!match || req.method !== 'POST') return send(res, 404, { error: `No such endpoint: ${req.method} ${path}` })
    const kind = /** @type {Record<string, string>} */ (LONG_NAMES)[match[1]] ?? match[1]
    const limit = kind === 'b' ? MAX_BATCH_BYTES : MAX_EVENT_BYTES
    const { body, bytes } = await readBody(req, limit + 1)
    const retryCount = Number(req.headers['x-retry-count'] ?? 0)
    counts.requests++
    const entry = { path, status: /** @type {number | 'dropped'} */ (0), events: 0, retryCount, bytes }
    requests.push(entry)

    const fault = faults.shift()
    if (fault?.kind === 'delay') await new Promise((resolve) => setTimeout(resolve, fault.ms))
    if (fault?.kind === 'fail') {
      counts.rejected++
      entry.status = fault.status
      if (fault.retryAfter !== undefined) res.setHeader('Retry-After', String(fault.retryAfter))
      return send(res, fault.status, { error: `Simulated failure ${fault.status}` })
    }
    if (fault?.kind === 'drop' && !fault.afterStore) return drop(req, entry)

    if (bytes > limit) return reject(res, entry, 400, `Body of ${bytes} bytes is over the ${limit / 1024} KB limit`, true)
    let parsed
    try {
      parsed = JSON.parse(body)
    } catch {
      return reject(res, entry, 400, 'Body is not JSON')
    }
    const isEvent = (/** @type {unknown} */ event) => !!event && typeof event === 'object' && !Array.isArray(event)
    const batch = kind === 'b' ? parsed?.batch : isEvent(parsed) ? [{ type: SINGLE_ENDPOINTS[/** @type {keyof typeof SINGLE_ENDPOINTS} */ (kind)], ...parsed }] : undefined
    if (!Array.isArray(batch) || !batch.every(isEvent)) {
      return reject(res, entry, 400, kind === 'b' ? 'A batch needs `batch`: an array of events' : 'An event must be a JSON object')
    }
    const oversized = batch.find((event) => Buffer.byteLength(JSON.stringify(event)) > MAX_EVENT_BYTES)
    if (oversized) return reject(res, entry, 400, `Event ${oversized.messageId ?? ''} is over the 32 KB limit`, true)

    entry.events = batch.length
    for (const event of batch) store({ ...event, _path: path, _retryCount: retryCount })
    counts.accepted++
    if (fault?.kind === 'drop') return drop(req, entry)
    entry.status = 200
    send(res, 200, { success: true })
  }

  /** @param {SegmentEvent} event */
  function store(event) {
    counts.received++
    const id = typeof event.messageId === 'string' ? event.messageId : undefined
    if (id !== undefined) {
      seen.set(id, (seen.get(id) ?? 0) + 1)
      // Within the window of the copy kept, a copy is dropped (as Segment does); after it, kept again.
      const first = kept.get(id)
      if (first && now() - first.at < dedupeWindowMs) {
        counts.duplicates++
        first.dropped.push(event)
        return
      }
      kept.set(id, { at: now(), event, dropped: [] })
    }
    counts.unique++
    events.push(event)
    listeners.forEach((listener) => listener(event))
  }

  /** @param {import('node:http').ServerResponse} res @param {RequestLog} entry @param {number} status @param {string} message @param {boolean} [tooLarge] */
  function reject(res, entry, status, message, tooLarge = false) {
    counts.rejected++
    if (tooLarge) counts.tooLarge++
    entry.status = status
    send(res, status, { error: message })
  }

  /** @param {import('node:http').IncomingMessage} req @param {RequestLog} entry */
  function drop(req, entry) {
    counts.dropped++
    entry.status = 'dropped'
    req.socket.destroy()
  }

  /** @param {string} action @param {import('node:http').IncomingMessage} req @param {import('node:http').ServerResponse} res */
  async function control(action, req, res) {
    const options = req.method === 'POST' ? JSON.parse((await readBody(req, 1 << 20)).body || '{}') : {}
    switch (action) {
      case 'events':
        return send(res, 200, events)
      case 'stats':
        return send(res, 200, api.stats())
      case 'duplicates':
        return send(res, 200, api.duplicates())
      case 'requests':
        return send(res, 200, requests)
      case 'fail':
        api.fail(options)
        return send(res, 200, { pending: faults.length })
      case 'delay':
        api.delay(options)
        return send(res, 200, { pending: faults.length })
      case 'drop':
        api.drop(options)
        return send(res, 200, { pending: faults.length })
      case 'reset':
        api.reset()
        return send(res, 200, { ok: true })
      default:
        return send(res, 404, { error: `No such control: ${action}` })
    }
  }

  const api = {
    server,
    /** The base URL once listening, e.g. http://127.0.0.1:6200. */
    url: '',
    /** Starts listening; resolves with the base URL and the `apiHost` analytics-next wants (`127.0.0.1:PORT/v1`). */
    async listen() {
      await new Promise((resolve, reject) => {
        server.once('error', reject)
        server.listen(port, host, () => resolve(undefined))
      })
      const address = /** @type {import('node:net').AddressInfo} */ (server.address())
      api.url = `http://${host}:${address.port}`
      return { url: api.url, apiHost: `${host}:${address.port}/v1`, port: address.port }
    },
    /** Stops listening and cuts open connections. */
    close() {
      sockets.forEach((socket) => socket.destroy())
      return new Promise((resolve) => server.close(() => resolve(undefined)))
    },
    /**
     * The unique events received so far, in arrival order (the first copy of each messageId). A copy:
     * one kept as a baseline does not grow with the events that arrive after it.
     */
    get events() {
      return events.slice()
    },
    /** Every tracking request so far (a copy): path, status (or 'dropped'), event count, X-Retry-Count. */
    get requests() {
      return requests.slice()
    },
    /** How many times each messageId arrived (2+ means duplicates). */
    timesSeen: (/** @type {string} */ messageId) => seen.get(messageId) ?? 0,
    /**
     * The dedupe view: each messageId that arrived more than once, how often, the copy kept (what
     * Segment would keep: the first) and the copies dropped, in the order first kept. Empty when
     * nothing was sent twice.
     * @returns {{ messageId: string, times: number, event: SegmentEvent, dropped: SegmentEvent[] }[]}
     */
    duplicates: () =>
      [...kept].filter(([id]) => (seen.get(id) ?? 0) > 1).map(([messageId, { event, dropped }]) => ({ messageId, times: seen.get(messageId) ?? 0, event, dropped: dropped.slice() })),
    /** @returns {CollectorStats} */
    stats: () => ({ ...counts }),
    /** Answer the next `times` tracking requests with `status` (500, 429...), optionally with Retry-After (seconds). */
    fail(/** @type {{ status?: number, times?: number, retryAfter?: number }} */ { status = 500, times = 1, retryAfter } = {}) {
      for (let i = 0; i < times; i++) faults.push({ kind: 'fail', status, retryAfter })
    },
    /** Hold the next `times` tracking requests for `ms` before answering. */
    delay(/** @type {{ ms?: number, times?: number }} */ { ms = 1000, times = 1 } = {}) {
      for (let i = 0; i < times; i++) faults.push({ kind: 'delay', ms })
    },
    /**
     * Cut the connection of the next `times` tracking requests without an answer. With
     * `afterStore` the events are stored first (processed, but the client never hears so and retries).
     */
    drop(/** @type {{ times?: number, afterStore?: boolean }} */ { times = 1, afterStore = false } = {}) {
      for (let i = 0; i < times; i++) faults.push({ kind: 'drop', afterStore })
    },
    /** Forget events, counts and pending faults. */
    reset() {
      events = []
      seen = new Map()
      kept = new Map()
      requests = []
      faults = []
      counts = zero()
    },
    /** Called with each new unique event. */
    subscribe(/** @type {(event: SegmentEvent) => void} */ listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    /** Resolves with a copy of the events when `predicate(events)` holds, or rejects after `timeout` ms with what was there. */
    waitFor(/** @type {(events: SegmentEvent[]) => boolean} */ predicate, timeout = 10_000) {
      return new Promise((resolve, reject) => {
        if (predicate(events)) return resolve(events.slice())
        const timer = setTimeout(() => {
          off()
          reject(new Error(`Collector: condition not met within ${timeout} ms; events: ${events.map((event) => event.event ?? event.type).join(', ')}`))
        }, timeout)
        const off = api.subscribe(() => {
          if (!predicate(events)) return
          clearTimeout(timer)
          off()
          resolve(events.slice())
        })
      })
    },
  }
  return api
}

/** @returns {CollectorStats} */
const zero = () => ({ requests: 0, accepted: 0, rejected: 0, dropped: 0, received: 0, unique: 0, duplicates: 0, tooLarge: 0 })

/**
 * Reads the body, but stops keeping data past `limit` bytes (the size is still counted).
 * @param {import('node:http').IncomingMessage} req @param {number} limit
 */
function readBody(req, limit) {
  return new Promise((resolve, reject) => {
    /** @type {Buffer[]} */
    const chunks = []
    let bytes = 0
    req.on('data', (/** @type {Buffer} */ chunk) => {
      bytes += chunk.length
      if (bytes <= limit) chunks.push(chunk)
    })
    req.on('end', () => resolve({ body: Buffer.concat(chunks).toString('utf8'), bytes }))
    req.on('error', reject)
  })
}

/** @param {import('node:http').ServerResponse} res @param {number} status @param {unknown} body */
function send(res, status, body) {
  res.writeHead(status, { 'Content-Type': 'application/json' })
  res.end(JSON.stringify(body))
}

// Run as a program: a collector for demos (`npm run collector -- --port 6200`).
if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const flag = process.argv.indexOf('--port')
  const port = Number(flag > 0 ? process.argv[flag + 1] : process.env.PORT ?? 6200)
  const collector = createCollector({ port, log: console.error })
  const { url, apiHost } = await collector.listen()
  collector.subscribe((event) => console.log(`${event.type}${event.event ? ` "${event.event}"` : ''} ${event.messageId}`))
  console.log(`Segment-compatible collector on ${url} (events: ${url}/__control/events, stats: ${url}/__control/stats)`)
  console.log(`Point AnalyticsBrowser at it: apiHost "${apiHost}", protocol "http" (see docs/delivery.md, The local collector)`)
}
