// Types only: `@ag-ui/client` is an optional peer and never loaded by this module at runtime.
import type { AgentSubscriber, Message, TokenUsage } from '@ag-ui/client'
import type { ReplyMetadata } from '../core/types'

/**
 * What `trackAgent` reads from an AG-UI agent: an `AbstractAgent` of `@ag-ui/client` (an
 * `HttpAgent`, your own subclass, or what CopilotKit's `useAgent()` returns). Structural, so that
 * an agent built on another copy of `@ag-ui/client` fits too.
 */
export interface TrackableAgent {
  /** When it changes, another chat was opened. */
  threadId: string
  messages: readonly Message[]
  isRunning?: boolean
  subscribe(subscriber: AgentSubscriber): { unsubscribe(): void }
}

/** What one tracker hears from an agent's runs. */
export interface AgentListener {
  /** The agent's messages or run changed; `now`: its run began, ended or failed (not just another token). */
  changed(now: boolean): void
  /**
   * The run broke off with an error that was not a stop (an event the client rejected: out of
   * order, malformed; a failed transport), or, `unreadable`, an event had a shape nobody expected.
   */
  failed(error: unknown, unreadable?: boolean): void
}

/**
 * What the agent's events say about its runs, beyond its messages: one record per agent, shared by
 * every tracker of it, so that a view that remounts mid-run (whose new subscription the running run
 * does not call: the agent captured its subscribers when the run began) still learns how it ends.
 */
export interface AgentRuns {
  /** Between the run's initialisation and its finalisation. */
  running: boolean
  /**
   * The thread the last run began on: its state (running, failed) says nothing of another thread's
   * messages (a thread opened just after a stop or a failure, its history loaded before the stopped
   * run's finalisation came).
   */
  thread?: string
  /** RUN_ERROR, or the run broke off with an error (not a stop). Cleared when the next run begins. */
  failed: boolean
  /** RUN_FINISHED or RUN_ERROR came. */
  ended: boolean
  /** Text messages started and not ended yet. */
  openText: Set<string>
  /** Tool calls started and not ended yet. */
  openTools: Set<string>
  /** Replies a stop cut short (abortRun, a cancelled outcome, a stream closed early): reported as `aborted`. */
  cut: Set<string>
  /** Replies seen at rest (no run, no tool call waiting): a later assistant message begins another reply. */
  sealed: Set<string>
  /** The generation metadata of each run's last reply, from the run's token usage. */
  metadata: Map<string, ReplyMetadata>
  /** The run was stopped rather than finished or failed (decided when it ends). */
  stopped: boolean
  /**
   * This run is not a request: it began before any request on its thread with nothing new from the
   * app (`connectAgent()` replaying a stored thread, as CopilotKit does on mount). What it brings
   * is history.
   */
  replay: boolean
  /** Threads where a request was made: from then on every new message there is live. */
  requested: Set<string>
  /** Messages the app added (`addMessage`) outside a run: the request that follows sends them. */
  pending: Set<string>
  /** The message ids of the last snapshot a tracker fed its lifecycle. */
  known: ReadonlySet<string>
  listeners: Set<AgentListener>
  subscription?: { unsubscribe(): void }
}

// Remembered for the replies still held, the threads and messages of the last few runs: plenty.
const REMEMBERED = 32
export const remember = <T>(map: Set<T> | Map<T, unknown>) => {
  if (map.size > REMEMBERED) map.delete(map.keys().next().value as T)
}

const records = new WeakMap<object, AgentRuns>()

const idsOf = (messages: unknown): string[] =>
  Array.isArray(messages) ? messages.flatMap((message) => (typeof message?.id === 'string' ? [message.id as string] : [])) : []

/**
 * The reply a run's end concerns: the last assistant message of the turn (after the last user
 * message), the run's own or, for a run that continues a turn (after a frontend tool's answer),
 * the one it continues.
 */
function lastReply(agent: TrackableAgent): string | undefined {
  const messages = Array.isArray(agent.messages) ? agent.messages : []
  for (let i = messages.length - 1; i >= 0 && messages[i]?.role !== 'user'; i--) {
    const message = messages[i]
    if (message?.role === 'assistant' && typeof message.id === 'string') return message.id
  }
}

const finite = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value >= 0

/**
 * A run's token usage (one entry per provider and model) as reply metadata: the counts summed over
 * the entries, the model and provider only when every entry names the same one. Absent when it
 * carries nothing usable: never guessed.
 */
export function metadataOf(usage: unknown): ReplyMetadata | undefined {
  if (!Array.isArray(usage)) return undefined
  const entries = usage.filter((entry): entry is TokenUsage => !!entry && typeof entry === 'object')
  const metadata: ReplyMetadata = {}
  const count = (field: 'inputTokens' | 'outputTokens' | 'totalTokens', key: 'input_tokens' | 'output_tokens' | 'total_tokens') => {
    const counts = entries.map((entry) => entry[field]).filter(finite)
    // A count that some entries lack would be understated: left out.
    if (counts.length && counts.length === entries.length) metadata[key] = counts.reduce((a, b) => a + b, 0)
  }
  const label = (field: 'model' | 'provider') => {
    const values = new Set(entries.map((entry) => entry[field]))
    const [value] = values
    if (values.size === 1 && typeof value === 'string' && value) metadata[field] = value
  }
  count('inputTokens', 'input_tokens')
  count('outputTokens', 'output_tokens')
  count('totalTokens', 'total_tokens')
  label('model')
  label('provider')
  return Object.keys(metadata).length ? metadata : undefined
}

// What the AG-UI client itself takes for a stop rather than a failure.
const isStop = (error: unknown) => {
  const { name, message } = (error ?? {}) as { name?: unknown; message?: unknown }
  return name === 'AbortError' || message === 'Fetch is aborted' || message === 'signal is aborted without reason' || message === 'component unmounted'
}

function createSubscriber(agent: TrackableAgent, runs: AgentRuns): AgentSubscriber {
  const notify = (now: boolean) => runs.listeners.forEach((listener) => listener.changed(now))
  // The client rethrows a subscriber's TypeError into the run in tests, and logs any other: an
  // event shaped in a way nobody expected must cost its own bookkeeping at most.
  const guard =
    <P extends unknown[]>(handle: (...params: P) => boolean | void) =>
    (...params: P) => {
      try {
        const now = handle(...params)
        if (now !== false) notify(now === true)
      } catch (error) {
        runs.listeners.forEach((listener) => listener.failed(error, true))
      }
    }
  const id = (value: unknown) => (typeof value === 'string' ? value : undefined)
  const endRun = (usage: unknown) => {
    runs.ended = true
    const reply = lastReply(agent)
    const metadata = metadataOf(usage)
    if (reply && metadata) {
      runs.metadata.set(reply, metadata)
      remember(runs.metadata)
    }
  }
  return {
    onRunInitialized: guard(() => {
      runs.running = true
      runs.failed = runs.ended = runs.stopped = false
      const ids = idsOf(agent.messages)
      const thread = String(agent.threadId) // a getter that throws is the guard's to report
      runs.thread = thread
      // A request: the app added a message for it (one no snapshot showed yet), or one was made here before.
      runs.replay = !runs.requested.has(thread) && !runs.pending.size && ids.every((id) => runs.known.has(id))
      if (!runs.replay) remember(runs.requested.add(thread))
      runs.pending.clear()
      runs.openText.clear()
      runs.openTools.clear()
      return true
    }),
    onTextMessageStartEvent: guard(({ event }) => {
      const messageId = id(event?.messageId)
      if (messageId) runs.openText.add(messageId)
      return false // the message itself changes next
    }),
    onTextMessageEndEvent: guard(({ event }) => {
      runs.openText.delete(id(event?.messageId)!)
    }),
    onToolCallStartEvent: guard(({ event }) => {
      const callId = id(event?.toolCallId)
      if (callId) runs.openTools.add(callId)
      return false
    }),
    onToolCallEndEvent: guard(({ event }) => {
      runs.openTools.delete(id(event?.toolCallId)!)
    }),
    onRunFinishedEvent: guard((params) => {
      if (params?.outcome === 'cancelled') runs.stopped = true
      endRun(params?.event?.usage)
      return true
    }),
    onRunErrorEvent: guard(({ event }) => {
      // HttpAgent turns a stop (its fetch aborted) into a RUN_ERROR with the code `abort`.
      if (event?.code === 'abort') runs.stopped = true
      else runs.failed = true
      endRun(event?.usage)
      return true
    }),
    onRunFailed: guard(({ error }) => {
      if (isStop(error)) runs.stopped = true
      else {
        runs.failed = true
        runs.listeners.forEach((listener) => listener.failed(error))
      }
      return true
    }),
    onRunFinalized: guard(() => {
      runs.running = false
      // A run that ends with neither RUN_FINISHED nor RUN_ERROR was stopped (or its stream closed early).
      if (!runs.ended && !runs.failed) runs.stopped = true
      const reply = runs.stopped && lastReply(agent)
      if (reply) {
        runs.cut.add(reply)
        remember(runs.cut)
      }
      return true
    }),
    onNewMessage: guard((params) => {
      const messageId = id(params?.message?.id)
      // Added by the app (`addMessage`), not by a run's events.
      if (messageId && !runs.running) remember(runs.pending.add(messageId))
    }),
    onMessagesChanged: guard(() => {}),
  }
}

/**
 * Listens to an agent's runs: the first listener subscribes, the last one to leave unsubscribes.
 * Returns the agent's shared record and a function that stops listening.
 */
export function listen(agent: TrackableAgent, listener: AgentListener): [AgentRuns, () => void] {
  let runs = records.get(agent)
  if (!runs) {
    runs = {
      running: false,
      failed: false,
      ended: false,
      stopped: false,
      replay: false,
      requested: new Set(),
      pending: new Set(),
      known: new Set(),
      openText: new Set(),
      openTools: new Set(),
      cut: new Set(),
      sealed: new Set(),
      metadata: new Map(),
      listeners: new Set(),
    }
    records.set(agent, runs)
  }
  const record = runs
  record.listeners.add(listener)
  record.subscription ??= agent.subscribe((subscribers.get(record) ?? subscribers.set(record, createSubscriber(agent, record)).get(record))!)
  return [
    record,
    () => {
      record.listeners.delete(listener)
      if (record.listeners.size) return
      record.subscription?.unsubscribe()
      record.subscription = undefined
    },
  ]
}

// One subscriber object per agent: subscribed again after a remount, it is never in the agent's list twice.
const subscribers = new WeakMap<AgentRuns, AgentSubscriber>()
