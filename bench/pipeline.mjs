// Benchmarks 3 (per-event pipeline cost) and 4 (memory after 100,000 messages), in Node against the
// built package. Run by bench/run.mjs as `node --expose-gc bench/pipeline.mjs <dist dir> <pipeline|memory>`;
// prints one JSON line.
import { pathToFileURL } from 'node:url'
import { interleave } from './stats.mjs'

const [dist, which] = process.argv.slice(2)
const { createCopilotTracker, createKeyStore, DEFAULT_KEY_LIMIT } = await import(pathToFileURL(dist + '/core.js').href)
const { createMemoryAnalytics } = await import(pathToFileURL(dist + '/testing.js').href)
const gc = globalThis.gc ?? (() => {})

const BODY = 'Here is what I found about your order: it shipped yesterday and should arrive on Monday.'
const microseconds = (ms, events) => (ms * 1000) / events

// --- 3. the pipeline vs the recorder's own track ------------------------------------------------
async function pipeline() {
  // The default store mirrors to sessionStorage: give Node a real one (jsdom's) before it is first used.
  const { JSDOM } = await import('jsdom')
  const { window } = new JSDOM('', { url: 'https://bench.invalid/' })
  globalThis.sessionStorage = window.sessionStorage
  // The key store writes after the burst, in a task, or at once on pagehide: the bench counts that write in the span.
  globalThis.addEventListener = window.addEventListener.bind(window)
  const written = () => window.dispatchEvent(new window.Event('pagehide'))

  const recorder = createMemoryAnalytics()
  const trackers = {
    // validate, dedupe (claim), conversation state, map, dispatch; keys in memory only
    memory: createCopilotTracker({ analytics: recorder, keyStore: createKeyStore({ storage: null }) }),
    // the default: the page's key store, mirrored to sessionStorage in one write per tick
    session: createCopilotTracker({ analytics: recorder }),
  }
  let conversation = 0
  // The same calls the tracker makes, written by hand against the recorder: the baseline.
  const direct = (conversationId, i) => {
    if (i === 0) recorder.track('Conversation Started', { conversationId })
    const user = i % 2 === 0
    recorder.track(user ? 'Message Sent' : 'Message Received', {
      conversationId,
      messageId: 'm' + i,
      message_body: BODY,
      role: user ? 'customer' : 'agent',
    })
  }
  const viaTracker = (tracker) => (conversationId, i) =>
    tracker.message({ conversationId, id: 'm' + i, role: i % 2 === 0 ? 'user' : 'assistant', body: BODY })
  const send = { direct, memory: viaTracker(trackers.memory), session: viaTracker(trackers.session) }

  const run = (events, perTick) => async (subject) => {
    const conversationId = 'c' + ++conversation
    const one = send[subject]
    recorder.clear()
    gc()
    const start = performance.now()
    if (perTick) {
      // One event per microtask tick: the key store's write waits for a task after the burst.
      for (let i = 0; i < events; i++) {
        one(conversationId, i)
        await null
      }
    } else {
      for (let i = 0; i < events; i++) one(conversationId, i)
      await null
    }
    written() // the pending sessionStorage write, paid inside the timed span
    const ms = performance.now() - start
    if (recorder.calls.length !== events + 1) throw new Error(`${subject}: ${recorder.calls.length} calls for ${events} messages`)
    return ms
  }
  const subjects = ['direct', 'memory', 'session']
  const batch = { events: 2000, ...(await interleave(subjects, run(2000, false), { warmup: 5, rounds: 15 })) }
  const perTick = { events: 500, ...(await interleave(subjects, run(500, true), { warmup: 2, rounds: 9 })) }
  const us = (r, events) => ({
    baselineUs: microseconds(r.direct.median, events + 1),
    overheadUs: Object.fromEntries(['memory', 'session'].map((s) => [s, microseconds(r[s].diff, events + 1)])),
    ratio: Object.fromEntries(['memory', 'session'].map((s) => [s, r[s].ratio])),
  })
  return { batch: us(batch, batch.events), perTick: us(perTick, perTick.events) }
}

// --- 4. keys and heap after 100,000 messages ----------------------------------------------------
function heapAfter(fill) {
  gc()
  gc()
  const before = process.memoryUsage().heapUsed
  const kept = fill()
  gc()
  gc()
  const bytes = process.memoryUsage().heapUsed - before
  return { bytes, kept }
}

function memory() {
  const MESSAGES = 100_000
  const sink = { track() {}, identify() {} }
  // The baseline: a key store holding exactly the documented bound of keys of the same shape. The
  // first fill only warms up (it would otherwise also count the garbage of loading the modules).
  const fillBound = () => {
    const store = createKeyStore({ storage: null })
    for (let i = 0; i < DEFAULT_KEY_LIMIT; i++) store.set('m:c' + (i % 1000) + ':m' + i, '1')
    return store
  }
  heapAfter(fillBound)
  const bound = heapAfter(fillBound)
  // Each shape at 10,000 and at 100,000 messages: a bounded tracker retains the same either way.
  const shapes = {
    'one conversation': (messages) => [1, messages],
    'conversations of 4 messages': (messages) => [messages / 4, 4],
    'conversations of 1 message': (messages) => [messages, 1],
  }
  const retained = (conversations, perConversation) => {
    let keyStore
    const r = heapAfter(() => {
      keyStore = createKeyStore({ storage: null })
      const tracker = createCopilotTracker({ analytics: sink, keyStore })
      for (let c = 0; c < conversations; c++)
        for (let i = 0; i < perConversation; i++)
          tracker.message({ conversationId: 'c' + c, id: 'm' + i, role: i % 2 === 0 ? 'user' : 'assistant', body: BODY })
      return tracker // kept alive: what a long-lived page or server holds
    })
    return { keys: keyStore.size, heapBytes: r.bytes }
  }
  const results = {}
  for (const [name, shape] of Object.entries(shapes)) {
    const small = retained(...shape(MESSAGES / 10))
    const full = retained(...shape(MESSAGES))
    results[name] = { ...full, heapBytesAt10k: small.heapBytes, growth: full.heapBytes / small.heapBytes, ratioToBound: full.heapBytes / bound.bytes }
  }
  return { limit: DEFAULT_KEY_LIMIT, boundHeapBytes: bound.bytes, messages: MESSAGES, shapes: results }
}

const result = which === 'memory' ? memory() : await pipeline()
console.log(JSON.stringify(result))
