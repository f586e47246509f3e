import { useEffect, useRef, useState } from 'react'
import { createReplyLifecycle, type ReplyLifecycle } from '../core/replyLifecycle'
import { useCopilotContext } from '../react/context'
import { useIsomorphicLayoutEffect } from '../react/useIsomorphicLayoutEffect'
import type { TrackableAgent } from './agentRuns'
import { agentLifecycleOptions, chatOf, connectAgent, type AgentTrackingOptions } from './trackAgent'

// How many mounted hooks track each chat (conversation, agent and thread): a view that unmounts
// while another shows the same chat leaves its reply to that one.
const mountedChats = new Map<string, number>()
// The lifecycle of a view of each chat that just unmounted, until the next microtask: a view of the
// same chat that mounts meanwhile (a `key` change, a remounted provider or route) continues it.
const leaving = new Map<string, ReplyLifecycle>()

/**
 * One-line analytics for any AG-UI agent (`@ag-ui/client`): an `HttpAgent`, your own
 * `AbstractAgent`, or what CopilotKit's `useAgent()` returns. Sends Message Sent for each new user
 * message, Message Received once per assistant message when it is finished (with `reply_status`
 * `complete`, `aborted` or `error`, and the response-time metrics), and Action Invoked once per
 * answered tool call. Must be called inside `<CopilotAnalyticsProvider>`.
 *
 * **History.** The messages the agent holds before its first run (a restored thread,
 * `initialMessages`, `setMessages`) are counted in `message_count` and mark the conversation
 * started; nothing is sent for them (`trackInitialMessages` sends them). A message added right
 * before `runAgent()` (in the same task) is live.
 *
 * **Runs.** A reply streams until its TEXT_MESSAGE_END and is sent once, complete, at the end of its
 * run (or when a later message follows it). RUN_ERROR, or a run that breaks off with an error,
 * sends it with `reply_status: 'error'`. `abortRun()` (or a `cancelled` outcome) sends it with the
 * text so far and `reply_status: 'aborted'`. A tool call is sent as Action Invoked once a tool
 * message answers it (`failed` when that message carries an `error`); a reply waiting on a
 * frontend tool is sent when its answer or a later message comes.
 *
 * **Another thread** (a new `agent.threadId`, or another agent): the previous thread's unreported
 * reply is reported into its own conversation; the new thread's messages are history.
 *
 * **Remounts.** A view of the same agent and thread that mounts as this one unmounts (StrictMode, a
 * `key` change, a remounted route) continues its reply, held or streaming, which is reported once.
 *
 * @example
 * import { useAgent } from '@copilotkit/react-core/v2'
 * import { useAgentTracking } from 'react-copilot-analytics/ag-ui'
 *
 * function Chat() {
 *   const { agent } = useAgent()
 *   useAgentTracking(agent)
 *   // ...render agent.messages as usual
 * }
 */
export function useAgentTracking(agent: TrackableAgent, options: AgentTrackingOptions = {}): void {
  const { tracker, conversationId } = useCopilotContext('useAgentTracking()')
  const chatKey = chatOf(conversationId, agent)
  const latest = useRef(options)
  latest.current = options
  const conversation = useRef(conversationId)
  conversation.current = conversationId
  const mounted = useRef(false)
  const warned = useRef(false)
  const lastChat = useRef(chatKey)
  const [lifecycle] = useState(() =>
    createReplyLifecycle(
      tracker,
      agentLifecycleOptions(
        tracker,
        () => latest.current,
        () => !mounted.current && !mountedChats.get(lastChat.current),
      ),
    ),
  )

  // A layout effect: it runs in the commit that mounts a view, before the microtask that checks,
  // and before the first snapshot below. A view of this chat that unmounted in that commit (or just
  // before) hands over its lifecycle: its held or streaming reply was live in this page, not history.
  useIsomorphicLayoutEffect(() => {
    if (leaving.get(lastChat.current) === lifecycle) leaving.delete(lastChat.current)
    lastChat.current = chatKey
    mountedChats.set(chatKey, (mountedChats.get(chatKey) ?? 0) + 1)
    const previous = leaving.get(chatKey)
    leaving.delete(chatKey)
    if (previous && previous !== lifecycle) lifecycle.resume(previous.detach())
    return () => {
      const count = mountedChats.get(chatKey)! - 1
      if (count) mountedChats.set(chatKey, count)
      else mountedChats.delete(chatKey)
      leaving.set(chatKey, lifecycle)
      queueMicrotask(() => leaving.get(chatKey) === lifecycle && leaving.delete(chatKey))
    }
  }, [lifecycle, chatKey])

  // Subscribes (and takes a snapshot) again when the agent, its thread or the conversation changes.
  useIsomorphicLayoutEffect(() => connectAgent(tracker, agent, lifecycle, () => conversation.current, warned), [tracker, agent, lifecycle, chatKey])

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      // StrictMode unmounts and remounts at once: only a real unmount sends what was held back
      // (and a reply still streaming, unless another view shows this chat).
      queueMicrotask(() => mounted.current || lifecycle.close())
    }
  }, [lifecycle])
}
