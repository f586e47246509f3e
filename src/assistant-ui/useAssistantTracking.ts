import { useEffect, useState } from 'react'
import { useAui, useAuiState, type AssistantClient, type ThreadMessage, type ToolCallMessagePart } from '@assistant-ui/react'
import { trackMessageAction } from '../core/messageActions'
import { createReplyLifecycle, describeToolWith, type ReplyLifecycle, type ReplyMessage } from '../core/replyLifecycle'
import type { TrackerBase } from '../core/tracker'
import { createViewHandOver } from '../core/viewHandOver'
import { useCopilotContext } from '../react/context'
import { useIsomorphicLayoutEffect } from '../react/useIsomorphicLayoutEffect'
import { endedInError, toReplyMessage } from './toReplyMessage'

export interface AssistantTrackingOptions {
  /** Send the history (see below) once, without response-time metrics, instead of only counting it. Default false. */
  trackInitialMessages?: boolean
  /**
   * How long a reply that was stopped, or that ended right after a tool call, waits for more before
   * it is reported: an external-store runtime may still continue the same message. Default 250 ms.
   */
  settleMs?: number
  /**
   * The Action Invoked `action` for a finished tool call. Default `completed`, or `failed` when
   * `isError`. One that throws or returns no non-empty string is reported as `invalid_chat`, and
   * the default is sent.
   */
  describeAction?: (part: ToolCallMessagePart) => string
  /**
   * Send Message Copied (`ActionBarPrimitive.Copy`) and Message Edited (a user message sent again
   * from its edit composer) as the user does them. Default true; false leaves them to
   * `useMessageActions`. Reply Regenerated is sent either way: it counts once with the app's own.
   */
  trackMessageActions?: boolean
}

/** One hook's tracking of the thread, handed over to the view that remounts over the same thread. */
interface Runner {
  lifecycle: ReplyLifecycle
  /** Branch switches seen: each starts the thread over, so that the branch it shows is history. */
  branches: number
  /** A message was sent or a run started since the last snapshot: the state may not show the run. */
  pending: boolean
  /** The chat (thread and branch switches) in which a run was seen: an error there is live. */
  ran?: string
  /** The user messages (thread id, message id) whose edit composer ended, sent or cancelled, since the last run. */
  edits: [string, string][]
  /** Messages that could not be read, reported once each. */
  unreadable: WeakSet<object>
  broken: boolean
  /** How many messages the last snapshot held, and the id of its last one. */
  seen: number
  lastId?: unknown
}

// The views of each thread (conversation and thread id): a view that unmounts while another shows
// the same thread leaves its reply to that one, and one that mounts as another unmounts continues
// its runner (see useChatTracking).
const views = createViewHandOver<Runner>()
// assistant-ui hands each event's one payload to every listener: two views of a thread send it once.
const actionsSent = new WeakSet<object>()

interface Latest {
  aui: AssistantClient
  conversationId: string
  options: AssistantTrackingOptions
  mounted: boolean
  mountKey: string
}

/**
 * The thread as a snapshot for the lifecycle; reports what cannot be read, and never throws. With
 * `awaitEvents`, new messages that appeared while no run is seen are left for a later call, once the
 * events that say where they come from are in (a send shows its message before its event, a branch
 * switch its branch): returns false.
 */
function feed(tracker: TrackerBase, runner: Runner, { aui, conversationId }: Latest, awaitEvents = false): boolean {
  let threadId: string
  let isRunning: boolean
  let messages: readonly ThreadMessage[]
  try {
    const thread = aui.optional.thread
    const state = thread?.getState()
    if (!state || !Array.isArray(state.messages)) throw new Error(thread ? 'no messages' : 'no thread: outside <AssistantRuntimeProvider>')
    threadId = String(aui.optional.threads?.getState().mainThreadId ?? '')
    isRunning = state.isRunning === true
    messages = state.messages
  } catch (error) {
    if (!runner.broken) tracker.report('invalid_chat', process.env.NODE_ENV !== 'production' ? 'The assistant-ui thread read by useAssistantTracking(), which must be called inside <AssistantRuntimeProvider>,' : '', error)
    runner.broken = true
    return true
  }
  const last = messages[messages.length - 1] as ThreadMessage | undefined
  let lastId: unknown
  try {
    lastId = last?.id
  } catch {
    // reported below, with its message
  }
  const changed = lastId !== runner.lastId || messages.length !== runner.seen
  if (awaitEvents && changed && !isRunning && !runner.pending) return false
  runner.broken = false
  const replies = messages.map((message): ReplyMessage | undefined => {
    try {
      return toReplyMessage(message)
    } catch (error) {
      if (!runner.unreadable.has(message)) tracker.report('invalid_chat', process.env.NODE_ENV !== 'production' ? 'A thread message that could not be read, and was skipped,' : '', error)
      runner.unreadable.add(message)
      return undefined
    }
  })
  const chat = conversationId + '\n' + threadId + '\n' + runner.branches
  // A send shows its user message before its run starts, and a short run may start and end between
  // two notifications: a send or run start seen meanwhile counts as the request in flight it was.
  // Consumed by the snapshot that shows what was sent (or the run), not by one from before it.
  const signalled = runner.pending && (changed || isRunning)
  if (signalled) runner.pending = false
  if (isRunning || signalled) {
    runner.ran = chat
    // Edits that ended before this run: sent if their message is gone (replaced by its new version,
    // whose Message Sent follows), cancelled if it is still there; another thread's run says nothing.
    for (const [thread, messageId] of runner.edits) {
      if (thread === threadId && !replies.some((reply) => reply?.id === messageId)) trackMessageAction(tracker, { conversationId, action: 'edit', messageId })
    }
    runner.edits = []
  }
  const live = runner.ran === chat
  const failed = (i: number) => {
    try {
      return live && endedInError(messages[i])
    } catch {
      return false // reported above, with its message
    }
  }
  const { lifecycle } = runner
  const update = (status: 'busy' | 'idle' | 'error', upTo = replies.length) => lifecycle.update({ chat, conversationId, status, messages: replies.slice(0, upTo) })
  // A reply that failed and was followed at once (a send right after the error) before this hook saw
  // it last: reported as the error it was, first. Only the previous last message or a new one can be it.
  for (let i = Math.max(0, runner.seen - 1); i < messages.length - 1; i++) {
    if (failed(i)) {
      update('error', i + 1)
      break
    }
  }
  runner.seen = messages.length
  runner.lastId = lastId
  if (signalled && !isRunning) update('busy')
  update(isRunning ? 'busy' : failed(messages.length - 1) ? 'error' : 'idle')
  return true
}

/**
 * One-line analytics for an assistant-ui thread: call it in a component inside both
 * `<AssistantRuntimeProvider>` and `<CopilotAnalyticsProvider>`. It reads the thread (messages, run
 * state) through the runtime's client (`useAui()`), without re-rendering your component on each
 * token. Sends Message Sent for each new user message, Message Received once per assistant reply
 * when it is finished (with `reply_status` `complete`, `aborted` or `error`, and the response-time
 * metrics), Action Invoked once per finished tool call and Media Generated once per image or file
 * the assistant returns.
 *
 * **History.** The messages present when tracking begins, and those loaded before the thread's
 * first run (a history adapter, `initialMessages`), are history: counted in `message_count`, and
 * they mark the conversation started; nothing is sent for them (`trackInitialMessages` sends them).
 * From the first send or run on, every new message is live.
 *
 * **Regenerate and branches.** A regenerated reply is a new message: its own Message Received. The
 * earlier reply, already sent, is not sent again when the branch picker shows it again. Switching
 * to a branch never shown before shows history: nothing is sent for it.
 *
 * **Copy and edit.** Message Copied once per `ActionBarPrimitive.Copy` click, Message Edited once
 * per edit composer send (the id of the user message edited; its new version is a Message Sent):
 * `trackMessageActions: false` leaves them to `useMessageActions`.
 *
 * **Stop, errors.** A stopped reply is sent once, with the text so far and `reply_status: 'aborted'`
 * (after `settleMs`); a reply that ended in an error with `reply_status: 'error'`. A reply paused on a
 * tool (`requires-action`: a human tool, an approval) waits until the run goes on, a later message
 * follows it, or the conversation ends.
 *
 * **Another thread** (the thread list switches) is another chat: the previous thread's unreported
 * reply is reported with the text so far, and the new thread's messages are its history. They stay
 * in the provider's conversation: give each thread its own provider `conversationId` to separate them.
 *
 * **Remounts.** A view of the same thread that mounts as this one unmounts continues its reply,
 * as `useChatTracking` does; a real unmount reports a held or streaming reply (`aborted`).
 *
 * @example
 * import { AssistantRuntimeProvider, useLocalRuntime } from '@assistant-ui/react'
 * import { useAssistantTracking } from 'react-copilot-analytics/assistant-ui'
 *
 * function Tracking() {
 *   useAssistantTracking()
 *   return null
 * }
 * // <CopilotAnalyticsProvider><AssistantRuntimeProvider runtime={runtime}><Tracking />…
 */
export function useAssistantTracking(options: AssistantTrackingOptions = {}): void {
  const { tracker, conversationId } = useCopilotContext('useAssistantTracking()')
  const aui = useAui()
  // Re-renders only when the thread list switches threads.
  const threadId = useAuiState((state) => state.optional.threads?.mainThreadId)
  const mountKey = conversationId + '\n' + threadId
  const [latest] = useState<Latest>(() => ({ aui, conversationId, options, mounted: false, mountKey }))
  Object.assign(latest, { aui, conversationId, options })
  const [runner] = useState<Runner>(() => ({
    branches: 0,
    pending: false,
    edits: [],
    unreadable: new WeakSet(),
    broken: false,
    seen: 0,
    lifecycle: createReplyLifecycle(tracker, () => ({
      settleMs: latest.options.settleMs,
      // assistant-ui keeps a message's id while it streams: a reply is never an earlier copy of the next.
      stableIds: true,
      sendHistory: latest.options.trackInitialMessages,
      gone: !latest.mounted && !views.shows(latest.mountKey),
      describeTool: (tool, fallback) => describeToolWith(tracker, 'invalid_chat', latest.options.describeAction, tool, fallback),
    })),
  }))

  // A layout effect, as in useChatTracking: it runs in the commit that mounts a view, before the
  // microtask that checks, so a view of this thread that unmounted in that commit hands over its reply.
  useIsomorphicLayoutEffect(() => {
    const previous = views.enter(mountKey, runner, latest.mountKey)
    latest.mountKey = mountKey
    if (previous) {
      Object.assign(runner, { branches: previous.branches, pending: previous.pending, edits: previous.edits, ran: previous.ran, seen: previous.seen, lastId: previous.lastId })
      runner.lifecycle.resume(previous.lifecycle.detach())
    }
    feed(tracker, runner, latest)
    return () => views.leave(mountKey, runner)
  }, [runner, mountKey])

  useIsomorphicLayoutEffect(() => {
    let active = true
    let scheduled: ReturnType<typeof setTimeout> | undefined
    // State comes after React commits it, each commit seen as it is (a reply finished, then
    // regenerated at once, is reported finished). Events come in microtasks queued when they
    // happen: new messages seen while no run is (a send, a branch switch) wait a task, when their
    // event is in, whichever order they came in.
    const later = () => {
      scheduled ??= setTimeout(() => {
        scheduled = undefined
        if (active) feed(tracker, runner, latest)
      })
    }
    const now = () => {
      if (!feed(tracker, runner, latest, true)) later()
    }
    // A run of a thread in the background (left mid-run) is not this thread's.
    const mainThread = () => {
      try {
        return aui.optional.threads?.getState().mainThreadId
      } catch {
        // no thread list: the one thread
      }
    }
    const ofThisThread = (event: { threadId?: string }) => {
      const current = mainThread()
      return current === undefined || event?.threadId === undefined || event.threadId === current
    }
    const onThread = (change: (runner: Runner) => void) => (event: { threadId?: string }) => {
      if (ofThisThread(event)) change(runner)
      later()
    }
    const signal = onThread((runner) => (runner.pending = true))
    // A copy or an edit is the user's act, not a state: its event, once per click, whatever renders.
    const take = (event: { threadId?: string }) => {
      if (latest.options.trackMessageActions === false || actionsSent.has(event) || !ofThisThread(event)) return false
      actionsSent.add(event)
      return true
    }
    const unsubscribe: (() => void)[] = []
    try {
      unsubscribe.push(
        aui.subscribe(now),
        aui.on({ scope: '*', event: 'composer.send' }, signal),
        aui.on({ scope: '*', event: 'message.copied' }, (event) => {
          if (take(event)) trackMessageAction(tracker, { conversationId: latest.conversationId, action: 'copy', messageId: event.messageId })
        }),
        // An edit composer's own composer.send is lost (0.15.22 ends the edit before it emits it), but
        // each end of an edit resets its text: a send if the run that follows shows its message gone.
        aui.on({ scope: '*', event: 'composer.textChange' }, (event) => {
          if (event.messageId !== undefined && event.origin === 'reset' && take(event)) runner.edits.push([String(mainThread() ?? ''), event.messageId])
        }),
        aui.on({ scope: '*', event: 'thread.runStart' }, signal),
        aui.on({ scope: '*', event: 'message.branchSwitched' }, onThread((runner) => {
          runner.branches++
          runner.edits = []
        })),
      )
    } catch {
      // Outside <AssistantRuntimeProvider>: reported (once) by feed().
      feed(tracker, runner, latest)
    }
    return () => {
      active = false
      clearTimeout(scheduled)
      for (const off of unsubscribe) off()
    }
  }, [runner, aui])

  useEffect(() => {
    latest.mounted = true
    return () => {
      latest.mounted = false
      // StrictMode unmounts and remounts at once: only a real unmount sends what was held back
      // (and a reply still streaming, unless another view shows this thread). A view that Suspense
      // hid stopped listening: the thread as it is now first, as showing again would read it.
      queueMicrotask(() => latest.mounted || runner.lifecycle.close(() => feed(tracker, runner, latest)))
    }
  }, [runner])
}

declare const process: { env: { NODE_ENV?: string } }
