import { useEffect, useRef, useState } from 'react'
import { createReplyLifecycle, type ReplyLifecycle } from '../core/replyLifecycle'
import { createViewHandOver } from '../core/viewHandOver'
import { useCopilotContext } from '../react/context'
import { useIsomorphicLayoutEffect } from '../react/useIsomorphicLayoutEffect'
import type { TrackableAgent } from './agentRuns'
import { agentLifecycleOptions, chatOf, connectAgent, type AgentTrackingOptions } from './trackAgent'

// The views of each chat (conversation, agent and thread): a view that unmounts while another shows
// the same chat leaves its reply to that one, and one that mounts as another unmounts continues its
// lifecycle (see useChatTracking).
const views = createViewHandOver<ReplyLifecycle>()

/**
 * One-line analytics for any AG-UI agent (`@ag-ui/client`): an `HttpAgent`, your own
 * `AbstractAgent`, or what CopilotKit's `useAgent()` returns. Sends Message Sent for each new user
 * message, Message Received once per turn of the agent when it is finished (with `reply_status`
 * `complete`, `aborted` or `error`, and the response-time metrics), and Action Invoked once per
 * answered tool call. Must be called inside `<CopilotAnalyticsProvider>`.
 *
 * **One reply per turn.** The assistant messages of a turn (one that calls tools, the tool
 * messages, the one that goes on) are one reply, under the id of the last one, with its actions.
 *
 * **History.** The messages the agent holds before the first request on its thread
 * (`initialMessages`, `setMessages`, a `connectAgent()` replay as CopilotKit restores a thread) are
 * counted in `message_count` and mark the conversation started; nothing is sent for them
 * (`trackInitialMessages` sends them). A message the app adds with `addMessage()` is live once the
 * run it is for begins.
 *
 * **Runs.** Nothing is sent while a run streams; the reply is sent once when its run ends.
 * RUN_ERROR, or a run that breaks off with an error, sends it with `reply_status: 'error'`.
 * `abortRun()` (or a `cancelled` outcome) sends it with the text so far and `reply_status:
 * 'aborted'`. A reply waiting on a frontend tool is sent when its answer and continuation end, or a
 * later message comes.
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
  const shown = useRef(agent)
  shown.current = agent
  const lastChat = useRef(chatKey)
  const [lifecycle] = useState(() =>
    createReplyLifecycle(
      tracker,
      agentLifecycleOptions(
        tracker,
        () => latest.current,
        () => !mounted.current && !views.shows(lastChat.current),
      ),
    ),
  )

  // A layout effect: it runs in the commit that mounts a view, before the microtask that checks,
  // and before the first snapshot below. A view of this chat that unmounted in that commit (or just
  // before) hands over its lifecycle: its held or streaming reply was live in this page, not history.
  useIsomorphicLayoutEffect(() => {
    const previous = views.enter(chatKey, lifecycle, lastChat.current)
    lastChat.current = chatKey
    if (previous) lifecycle.resume(previous.detach())
    return () => views.leave(chatKey, lifecycle)
  }, [lifecycle, chatKey])

  // Subscribes (and takes a snapshot) again when the agent, its thread or the conversation changes.
  useIsomorphicLayoutEffect(() => connectAgent(tracker, agent, lifecycle, () => conversation.current, warned), [tracker, agent, lifecycle, chatKey])

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      // StrictMode unmounts and remounts at once: only a real unmount sends what was held back
      // (and a reply still streaming, unless another view shows this chat). A view that Suspense hid
      // stopped listening: one snapshot of the agent first, as showing again would take.
      queueMicrotask(
        () =>
          mounted.current ||
          lifecycle.close(() => chatOf(conversation.current, shown.current) === lastChat.current && connectAgent(tracker, shown.current, lifecycle, () => conversation.current, warned)()),
      )
    }
  }, [lifecycle])
}
