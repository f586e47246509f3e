// Benchmarks 1 (mount) and 2 (streaming), run in a real page. bench/run.mjs bundles this file once
// per React version and build (production / development) and calls window.__bench.* from Playwright.
import { memo, Profiler, useState } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { useTracking } from 'react-tracking'
// The built package (vite build of this checkout), exactly what users import.
import { CopilotAnalyticsProvider, TrackedMessage } from 'react-copilot-analytics'
import { interleave, median } from './stats.mjs'

const TEXT = 'Here is what I found about your order: it shipped yesterday and should arrive on Monday.'
const messages = (n) =>
  Array.from({ length: n }, (_, i) => ({ id: 'm' + i, role: i % 2 ? 'assistant' : 'user', text: i + ': ' + TEXT, status: 'complete' }))

let sent = 0
const client = { track: () => void sent++, identify() {} }
const dispatch = () => void sent++
let conversation = 0 // a new conversation per run, so every run sends every event (no exactly-once skip)

// --- the three ways to render a message list ---------------------------------------------------
function Plain({ list }) {
  return <div className="chat">{list.map((m) => <div key={m.id} className={'msg ' + m.role}>{m.text}</div>)}</div>
}

// Not a subject of the issue: one function component per message and nothing else, the floor that any
// per-message binding (ours, react-tracking) starts from. It separates React's cost from the tracking's.
function Bubble({ m }) {
  return <div className={'msg ' + m.role}>{m.text}</div>
}
function Components({ list }) {
  return <div className="chat">{list.map((m) => <Bubble key={m.id} m={m} />)}</div>
}

function Ours({ list, conversationId }) {
  return (
    <CopilotAnalyticsProvider analytics={client} conversationId={conversationId}>
      <div className="chat">
        {list.map((m) => (
          <TrackedMessage key={m.id} id={m.id} role={m.role} body={m.text} status={m.status} className={'msg ' + m.role} />
        ))}
      </div>
    </CopilotAnalyticsProvider>
  )
}

function RTMessage({ m, conversationId }) {
  const { Track } = useTracking({ event: 'Message', conversationId, messageId: m.id, role: m.role, body: m.text }, { dispatchOnMount: true })
  return (
    <Track>
      <div className={'msg ' + m.role}>{m.text}</div>
    </Track>
  )
}
function ReactTracking({ list, conversationId }) {
  const { Track } = useTracking({ conversationId }, { dispatch })
  return (
    <Track>
      <div className="chat">{list.map((m) => <RTMessage key={m.id} m={m} conversationId={conversationId} />)}</div>
    </Track>
  )
}

const COMPONENTS = { plain: Plain, component: Components, ours: Ours, 'react-tracking': ReactTracking }
const EXPECTED_EVENTS = { plain: () => 0, component: () => 0, ours: (n) => n + 1 /* + Conversation Started */, 'react-tracking': (n) => n }
const gc = () => globalThis.gc?.()

/** Mounts the list once; returns ms from render to the end of the microtask that mirrors the keys. */
const writeMs = { plain: [], component: [], ours: [], 'react-tracking': [] }
async function mountOnce(kind, list) {
  const container = document.body.appendChild(document.createElement('div'))
  const root = createRoot(container)
  const Component = COMPONENTS[kind]
  const conversationId = 'c' + ++conversation
  gc()
  sent = 0
  const start = performance.now()
  // flushSync: render, commit, layout effects and (for a sync render) passive effects, all now.
  flushSync(() => root.render(<Component list={list} conversationId={conversationId} />))
  await Promise.resolve() // the microtasks the commit queued run before the paint too
  const ms = performance.now() - start
  // The key store's sessionStorage write waits for a task after the commit: timed on its own, run
  // now through the pagehide listener that also writes it when a page goes.
  const before = performance.now()
  dispatchEvent(new Event('pagehide'))
  writeMs[kind].push(performance.now() - before)
  const expected = EXPECTED_EVENTS[kind](list.length)
  if (sent !== expected) throw new Error(`${kind}: ${sent} events after mount, expected ${expected}: the timing would not include the tracking`)
  root.unmount()
  container.remove()
  return ms
}

/** Benchmark 1: mount an n-message chat, each subject against plain elements. */
export async function mount({ n, subjects, warmup, rounds }) {
  const list = messages(n)
  for (const kind of subjects) writeMs[kind].length = 0
  const result = await interleave(subjects, (kind) => mountOnce(kind, list), { warmup, rounds })
  // The write after the commit, per message, the warm-up rounds left out.
  for (const kind of subjects) result[kind].writeUsPerMessage = (median(writeMs[kind].slice(warmup)) * 1000) / n
  return result
}

/**
 * The long-task view: a 200-message history mounts in a task of its own (as a chat restored from
 * the server renders), and every task the page runs in the next 500 ms is timed: the mount's own
 * (render, commit, effects, microtasks) and any timer task the page schedules meanwhile (a library
 * that defers its work after the paint would show there). Chromium's PerformanceObserver reports
 * only tasks of 50 ms or more, which this mount does not reach, so each task is timed from inside.
 */
export async function longestTask({ n, kind, rounds }) {
  const list = messages(n)
  const longest = []
  for (let r = 0; r < rounds; r++) {
    const tasks = []
    const container = document.body.appendChild(document.createElement('div'))
    const root = createRoot(container)
    const Component = COMPONENTS[kind]
    const conversationId = 'c' + ++conversation
    gc()
    sent = 0
    const realSetTimeout = window.setTimeout
    window.setTimeout = (callback, ...rest) =>
      realSetTimeout(() => {
        const start = performance.now()
        callback()
        tasks.push(['timer', performance.now() - start])
      }, ...rest)
    await new Promise((resolve) =>
      realSetTimeout(() => {
        const start = performance.now()
        flushSync(() => root.render(<Component list={list} conversationId={conversationId} />))
        queueMicrotask(() => {
          tasks.push(['mount', performance.now() - start])
          resolve()
        })
      }),
    )
    await new Promise((resolve) => realSetTimeout(resolve, 500))
    window.setTimeout = realSetTimeout
    if (sent !== EXPECTED_EVENTS[kind](n)) throw new Error(`${kind}: ${sent} events, expected ${EXPECTED_EVENTS[kind](n)}`)
    const timed = (type) => tasks.filter(([t]) => t === type).map(([, ms]) => ms)
    longest.push({ mount: Math.max(...timed('mount')), timers: Math.max(0, ...timed('timer')) })
    root.unmount()
    container.remove()
  }
  return { mount: median(longest.map((l) => l.mount)), timers: median(longest.map((l) => l.timers)), longest: median(longest.map((l) => Math.max(l.mount, l.timers))) }
}

// --- benchmark 2: stream a reply into the last message ------------------------------------------
// Chat UIs that stream usually memoise their rows so that a token re-renders one row, not all of
// them: both ways are measured, each against plain elements written the same way.
const PlainRow = memo(function PlainRow({ m }) {
  return <div className={'msg ' + m.role}>{m.text}</div>
})
const TrackedRow = memo(function TrackedRow({ m }) {
  return <TrackedMessage id={m.id} role={m.role} body={m.text} status={m.status} className={'msg ' + m.role} />
})
function PlainMemo({ list }) {
  return <div className="chat">{list.map((m) => <PlainRow key={m.id} m={m} />)}</div>
}
function OursMemo({ list, conversationId }) {
  return (
    <CopilotAnalyticsProvider analytics={client} conversationId={conversationId}>
      <div className="chat">{list.map((m) => <TrackedRow key={m.id} m={m} />)}</div>
    </CopilotAnalyticsProvider>
  )
}
const STREAMED = { plain: Plain, component: Components, ours: Ours, 'plain-memo': PlainMemo, 'ours-memo': OursMemo }

function StreamingChat({ kind, initial, api, conversationId }) {
  const [list, setList] = useState(initial)
  api.setList = setList
  const Component = STREAMED[kind]
  return <Component list={list} conversationId={conversationId} />
}

async function streamOnce(kind, { n, tokens }) {
  const initial = messages(n)
  initial[n - 1] = { id: 'reply', role: 'assistant', text: '', status: 'streaming' }
  const api = { commits: 0 }
  const container = document.body.appendChild(document.createElement('div'))
  const root = createRoot(container)
  const conversationId = 'c' + ++conversation
  const onRender = () => void api.commits++
  sent = 0
  flushSync(() =>
    root.render(
      <Profiler id="chat" onRender={onRender}>
        <StreamingChat kind={kind} initial={initial} api={api} conversationId={conversationId} />
      </Profiler>,
    ),
  )
  await Promise.resolve()
  const mountCommits = api.commits
  const sentAtMount = sent
  gc()
  const start = performance.now()
  for (let i = 0; i < tokens; i++) {
    flushSync(() => api.setList((list) => [...list.slice(0, -1), { ...list[n - 1], text: list[n - 1].text + ' tok' + i }]))
  }
  const sentWhileStreaming = sent - sentAtMount
  flushSync(() => api.setList((list) => [...list.slice(0, -1), { ...list[n - 1], status: 'complete' }]))
  await Promise.resolve()
  dispatchEvent(new Event('pagehide')) // the key store's write of the reply, counted in the span
  const ms = performance.now() - start
  const result = { ms, commits: api.commits - mountCommits, sentWhileStreaming, sentOnComplete: sent - sentAtMount - sentWhileStreaming }
  root.unmount()
  container.remove()
  return result
}

/** Benchmark 2: tracked vs plain; commits are counted by <Profiler onRender> (inert in production builds). */
export async function stream({ n, tokens, warmup, rounds, memoRounds, withComponent }) {
  const details = {}
  const run = async (kind) => {
    const r = await streamOnce(kind, { n, tokens })
    details[kind] = r
    return r.ms
  }
  const rows = await interleave(withComponent ? ['plain', 'component', 'ours'] : ['plain', 'ours'], run, { warmup, rounds })
  const memoRows = await interleave(['plain-memo', 'ours-memo'], run, { warmup, rounds: memoRounds })
  return { timing: { ...rows, ...memoRows }, details }
}

// --- benchmark 3 in the page: the default key store mirrors to a real sessionStorage here --------
export async function pipeline({ events, perTick, warmup, rounds }) {
  const { createCopilotTracker, createKeyStore } = await import('react-copilot-analytics/core')
  const { createMemoryAnalytics } = await import('react-copilot-analytics/testing')
  const recorder = createMemoryAnalytics()
  const memory = createCopilotTracker({ analytics: recorder, keyStore: createKeyStore({ storage: null }) })
  const session = createCopilotTracker({ analytics: recorder })
  const viaTracker = (tracker) => (conversationId, i) =>
    tracker.message({ conversationId, id: 'm' + i, role: i % 2 === 0 ? 'user' : 'assistant', body: TEXT })
  const send = {
    direct(conversationId, i) {
      if (i === 0) recorder.track('Conversation Started', { conversationId })
      const user = i % 2 === 0
      recorder.track(user ? 'Message Sent' : 'Message Received', { conversationId, messageId: 'm' + i, message_body: TEXT, role: user ? 'customer' : 'agent' })
    },
    memory: viaTracker(memory),
    session: viaTracker(session),
  }
  const r = await interleave(
    ['direct', 'memory', 'session'],
    async (subject) => {
      const conversationId = 'p' + ++conversation
      recorder.clear()
      gc()
      const start = performance.now()
      for (let i = 0; i < events; i++) {
        send[subject](conversationId, i)
        if (perTick) await null
      }
      await null
      dispatchEvent(new Event('pagehide')) // the key store's pending sessionStorage write, counted in the span
      const ms = performance.now() - start
      if (recorder.calls.length !== events + 1) throw new Error(`${subject}: ${recorder.calls.length} calls for ${events} messages`)
      return ms
    },
    { warmup, rounds },
  )
  const us = (ms) => (ms * 1000) / (events + 1)
  return { baselineUs: us(r.direct.median), overheadUs: { memory: us(r.memory.diff), session: us(r.session.diff) } }
}
