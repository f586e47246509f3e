import { createReplyLifecycle, describeToolWith, type ReplyLifecycle, type ReplyLifecycleOptions, type ReplyMessage } from '../core/replyLifecycle'
import type { TrackerBase } from '../core/tracker'
import type { Message } from '@ag-ui/client'
import { listen, remember, type AgentListener, type TrackableAgent } from './agentRuns'
import { toReplyMessages, type AgentToolCall } from './toReplyMessages'

export interface AgentTrackingOptions {
  /** Send the history (see below) once, without response-time metrics, instead of only counting it. Default false. */
  trackInitialMessages?: boolean
  /**
   * How long a reply a stop cut short waits before it is reported as `aborted`. Default 0: an AG-UI
   * run that ended does not continue its message.
   */
  settleMs?: number
  /**
   * The Action Invoked `action` for a finished tool call, given the call and the tool message that
   * answered it. Default `completed`, or `failed` when the tool message carries an `error`. One that
   * throws or returns no non-empty string is reported as `invalid_agent`, and the default is sent.
   */
  describeAction?: (call: AgentToolCall) => string
}

// A serial per agent object: another agent on the same thread id is another chat.
const serials = new WeakMap<object, number>()
let nextSerial = 0
/** The chat an agent shows: the conversation, the agent and its `threadId`. */
export function chatOf(conversationId: string, agent: unknown): string {
  if (!agent || typeof agent !== 'object') return conversationId + '\n'
  if (!serials.has(agent)) serials.set(agent, ++nextSerial)
  let threadId: unknown
  try {
    threadId = (agent as TrackableAgent).threadId
  } catch {
    // A getter that throws: the chat is the agent's own.
  }
  return conversationId + '\n' + serials.get(agent) + '\n' + String(threadId)
}

/** The lifecycle options for an agent's tracking, read when needed. */
export function agentLifecycleOptions(tracker: TrackerBase, options: () => AgentTrackingOptions, gone: () => boolean): () => ReplyLifecycleOptions {
  return () => {
    const current = options()
    return {
      settleMs: current.settleMs ?? 0,
      sendHistory: current.trackInitialMessages,
      gone: gone(),
      describeTool: (tool, fallback) => describeToolWith(tracker, 'invalid_agent', current.describeAction, tool, fallback),
    }
  }
}

/**
 * Feeds an agent's messages and runs into a lifecycle: a snapshot now, and one whenever the agent
 * changes (at once when a run begins or ends, after the current task for anything else, so that
 * `agent.addMessage(...)` followed by `agent.runAgent()` makes the message live, not history).
 * Returns a function that stops listening; the lifecycle stays the caller's.
 */
export function connectAgent(
  tracker: TrackerBase,
  agent: TrackableAgent,
  lifecycle: ReplyLifecycle,
  conversationId: () => string,
  // Whether this view reported its agent unreadable already (once per view, StrictMode or not).
  warned = { current: false },
): () => void {
  const unreadable = (what: string, got: unknown) => {
    if (!warned.current) tracker.report('invalid_agent', process.env.NODE_ENV !== 'production' ? `The agent passed to useAgentTracking() or trackAgent(), with ${what},` : '', got)
    warned.current = true
  }
  if (!agent || typeof agent !== 'object' || typeof (agent as Partial<TrackableAgent>).subscribe !== 'function') {
    unreadable('no subscribe()', agent)
    return () => {}
  }
  let active = true
  let pending = false
  const update = () => {
    pending = false
    // A run this view subscribed to goes on calling it after the view let go (the agent keeps the
    // subscribers a run began with): the record forwards to whoever tracks the agent now.
    if (!active) return
    let read: unknown
    let running: unknown
    let thread: unknown
    try {
      read = agent.messages
      running = agent.isRunning
      thread = agent.threadId
    } catch (error) {
      read = error
    }
    if (!Array.isArray(read)) return unreadable('no messages array', read)
    try {
      snapshot(read, running, String(thread))
    } catch (error) {
      // A message with a shape nobody expected (a getter that throws): reported, never thrown into the app.
      listener.failed(error, true)
    }
  }
  const snapshot = (read: readonly Message[], running: unknown, thread: string) => {
    let messages = read
    const id = conversationId()
    // A replay brings history: neither a request nor its failure makes its messages live.
    // A run this record did not see begin (tracking began during it) may be a replay as well as a
    // request: what it brings is history, never guessed live.
    const status = (runs.thread ?? thread) !== thread || (runs.replay && runs.running) ? 'idle' : runs.failed && !runs.replay ? 'error' : runs.running ? 'busy' : 'idle'
    if (!runs.requested.has(thread) && runs.pending.size) {
      // Before the first request, what the app adds waits for the run it is for: a snapshot now
      // would make it history (CopilotKit may start the run a few tasks after addMessage()).
      const first = messages.findIndex((message) => runs.pending.has(message?.id))
      if (first >= 0) messages = messages.slice(0, first)
    }
    runs.known = new Set(messages.flatMap((message) => (typeof message?.id === 'string' ? [message.id] : [])))
    const replies = toReplyMessages(messages, runs)
    // A reply at rest (no run, and no tool call waiting, or a stop cut it short) is over: a later
    // run that is not the continuation of a tool call in the same task answers anew.
    let last: ReplyMessage | undefined
    for (const reply of replies) last = reply ?? last
    // Not while the agent runs: a run starting in this task (after the app answered a tool call) continues it.
    if (status !== 'busy' && running !== true && last?.role === 'assistant' && (runs.cut.has(last.id) || !last.parts.some((part) => part.type === 'tool' && (part.state === 'running' || part.state === 'waiting')))) {
      runs.sealed.add(last.id)
      remember(runs.sealed)
    }
    lifecycle.update({ chat: chatOf(id, agent), conversationId: id, status, messages: replies })
  }
  const listener: AgentListener = {
    changed(now) {
      if (now) return update()
      if (!pending) queueMicrotask(update)
      pending = true
    },
    failed(error, unreadable) {
      if (!active) return
      // Production bundles keep the code and the error; the subject is for development.
      if (process.env.NODE_ENV === 'production') tracker.report('invalid_agent', '', error)
      else if (unreadable) tracker.report('invalid_agent', 'An event of the agent could not be read (what could still be tracked was): it', error)
      else tracker.report('invalid_agent', 'A run of the agent broke off with an error (an event the AG-UI client rejected, or a failed transport), so its reply was sent with reply_status "error":', error)
    },
  }
  const [runs, stop] = listen(agent, listener)
  update()
  return () => {
    active = false
    stop()
  }
}

/**
 * Framework-free analytics for any AG-UI agent (`@ag-ui/client`): the same events and rules as
 * `useAgentTracking`, against a tracker from `react-copilot-analytics/core`. Returns a function
 * that stops tracking: it reports a reply still held (a stopped reply, one waiting on a tool), and
 * one still streaming with the text so far (`reply_status: 'aborted'`).
 *
 * @example
 * import { HttpAgent } from '@ag-ui/client'
 * import { createCopilotTracker } from 'react-copilot-analytics/core'
 * import { trackAgent } from 'react-copilot-analytics/ag-ui'
 *
 * const agent = new HttpAgent({ url: '/api/agent' })
 * const stop = trackAgent(createCopilotTracker({ analytics }), agent, { conversationId: 'c1' })
 */
export function trackAgent(tracker: TrackerBase, agent: TrackableAgent, options: AgentTrackingOptions & { conversationId: string }): () => void {
  let gone = false
  const lifecycle = createReplyLifecycle(
    tracker,
    agentLifecycleOptions(tracker, () => options, () => gone),
  )
  const disconnect = connectAgent(tracker, agent, lifecycle, () => options.conversationId)
  return () => {
    disconnect()
    gone = true
    lifecycle.close()
  }
}

declare const process: { env: { NODE_ENV?: string } }
