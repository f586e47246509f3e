import { useEffect, useRef, useState } from 'react'
// Types only: `@langchain/langgraph-sdk` is an optional peer and never loaded by this module at runtime.
import type { Message } from '@langchain/langgraph-sdk'
import { createReplyLifecycle, describeToolWith, type ChatSnapshot, type ReplyLifecycle } from '../core/replyLifecycle'
import { createViewHandOver } from '../core/viewHandOver'
import { useCopilotContext } from '../react/context'
import { useIsomorphicLayoutEffect } from '../react/useIsomorphicLayoutEffect'
import { toReplyMessages, type LangGraphToolCall, type RememberedReply } from './toReplyMessages'

/** What `useStreamTracking` reads from `useStream()`'s result (the SDK's `UseStream` fits). */
export interface TrackableStream {
  messages: readonly Message<any>[]
  isLoading: boolean
  error?: unknown
  /** Pending interrupts: a tool call with no result waits on them (human in the loop). */
  interrupts?: readonly unknown[]
  /** The branch shown: another branch opened while idle shows its messages as history. */
  branch?: string
}

export interface StreamTrackingOptions {
  /**
   * The thread shown (what you pass to `useStream({ threadId })`): when it changes, another chat was
   * opened and its messages are history. A thread created by the first `submit()` (from none) is the same chat.
   */
  threadId?: string | null
  /** Send the history once, without response-time metrics, instead of only counting it. Default false. */
  trackInitialMessages?: boolean
  /** How long a reply whose run stopped mid-message waits for more before it is reported (`aborted`). Default 250 ms. */
  settleMs?: number
  /**
   * The Action Invoked `action` for a finished tool call. Default `completed`, or `failed` when its
   * ToolMessage has `status: 'error'`. One that throws or returns no non-empty string is reported
   * as `invalid_chat`, and the default is sent.
   */
  describeAction?: (toolCall: LangGraphToolCall) => string
}

// The views of each chat, for the remount hand-over (see useChatTracking).
const views = createViewHandOver<ReplyLifecycle>()
// Each lifecycle's reply memory (see toReplyMessages), handed over with it: a view that takes over
// a reply a stop shrank back must show it as it was too, or it would report it again.
const memories = new WeakMap<ReplyLifecycle, { current: Replies }>()

interface Replies {
  chat: string
  memory: Map<string, RememberedReply>
}

interface Seen {
  chat: string
  conversationId: string
  thread: string
  branch: string
}

/** Reads a stream defensively: a hostile or half-built object never throws into the app. */
function readStream(stream: TrackableStream): { messages: unknown; isLoading: boolean; error: unknown; interrupted: boolean; branch: string } {
  const interrupts = stream.interrupts
  return {
    messages: stream.messages,
    isLoading: stream.isLoading === true,
    error: stream.error,
    interrupted: Array.isArray(interrupts) && interrupts.length > 0,
    branch: typeof stream.branch === 'string' ? stream.branch : '',
  }
}

/**
 * One-line analytics for a LangGraph chat: pass what `useStream()` (`@langchain/langgraph-sdk/react`)
 * returns, and the thread it shows. Sends Message Sent for each new human message, Message Received
 * once per reply when its run is over (with `reply_status` `complete`, `aborted` or `error`, the
 * response-time metrics, and the reply's model and tokens as metadata), and Action Invoked once per
 * tool call that has its ToolMessage. Must be called inside `<CopilotAnalyticsProvider>`.
 *
 * **One reply** is everything the graph answers to a human message: its AI messages and tool
 * messages up to the next human message, sent as one Message Received whose `messageId` is the last
 * AI message's id and whose body is the AI messages' text.
 *
 * **History.** Messages present before the first run in this thread (a restored thread, loaded
 * after mount too) are counted in `message_count` and mark the conversation started; nothing is
 * sent for them (`trackInitialMessages` sends them). Another branch opened while idle is history too.
 *
 * **Stop and errors.** A run stopped mid-message is reported once as `aborted` (after `settleMs`,
 * or when the SDK's reload of the thread removes the partial message); a run that fails reports its
 * reply once as `error`. A reply waiting on an interrupt waits until a later message follows it.
 *
 * **Another thread** (`threadId` changes, or the provider's `conversationId`): the previous thread's
 * unreported reply is reported into its own conversation with the text so far; the new thread's
 * messages are history. Remounts and StrictMode behave as with `useChatTracking`.
 *
 * @example
 * import { useStream } from '@langchain/langgraph-sdk/react'
 * import { useStreamTracking } from 'react-copilot-analytics/langgraph'
 *
 * function Chat({ threadId, onThreadId }) {
 *   const stream = useStream({ apiUrl, assistantId: 'agent', threadId, onThreadId })
 *   useStreamTracking(stream, { threadId })
 *   // ...render stream.messages as usual
 * }
 */
export function useStreamTracking(stream: TrackableStream, options: StreamTrackingOptions = {}): void {
  const { tracker, conversationId } = useCopilotContext('useStreamTracking()')
  // A null passed for the options is no options, not a crash in a later timer.
  const latest = useRef(options ?? {})
  latest.current = options ?? {}
  const rawThread = options?.threadId
  const thread = typeof rawThread === 'string' ? rawThread : ''
  const warned = useRef(new Set<string>())
  const mounted = useRef(false)
  const seen = useRef<Seen | undefined>(undefined)
  // The chat a run was seen in: an error counts as a reply's only after a run.
  const ran = useRef<string | undefined>(undefined)
  // A chat opened while the previous one's run was in flight.
  const stale = useRef<string | undefined>(undefined)
  // The last copy of each reply of the chat, for toReplyMessages.
  const replies = useRef<Replies>({ chat: '', memory: new Map() })

  let read: ReturnType<typeof readStream> | undefined
  let readError: unknown
  try {
    read = readStream(stream)
  } catch (error) {
    readError = error
  }
  const branch = read?.branch ?? ''
  const chatKey = conversationId + '\n' + thread + '\n' + branch
  const lastChat = useRef(chatKey)

  // Once per kind of problem: a stream re-renders on every token.
  const report = (subject: string, got: unknown) => {
    if (warned.current.has(subject)) return
    warned.current.add(subject)
    tracker.report('invalid_chat', subject, got)
  }
  const [lifecycle] = useState(() =>
    createReplyLifecycle(tracker, () => ({
      settleMs: latest.current.settleMs,
      sendHistory: latest.current.trackInitialMessages,
      gone: !mounted.current && !views.shows(lastChat.current),
      describeTool: (tool, fallback) => describeToolWith(tracker, 'invalid_chat', latest.current.describeAction, tool, fallback),
    })),
  )

  // The remount hand-over of useChatTracking: a layout effect, before the first update below.
  useIsomorphicLayoutEffect(() => {
    const previous = views.enter(chatKey, lifecycle, lastChat.current)
    lastChat.current = chatKey
    memories.set(lifecycle, replies)
    if (previous) {
      lifecycle.resume(previous.detach())
      replies.current = memories.get(previous)?.current ?? replies.current
    }
    return () => views.leave(chatKey, lifecycle)
  }, [lifecycle, chatKey])

  const messages = read?.messages
  const isLoading = read?.isLoading
  const error = read?.error
  const interrupted = read?.interrupted
  const feed = () => {
    if (!Array.isArray(messages)) {
      report('The stream passed to useStreamTracking(), with no messages array,', readError ?? stream)
      return
    }
    let busy = isLoading === true
    const previous = seen.current
    // The same chat under a new key: the thread the first submit() created (from none), or the
    // branch a submit() from a checkpoint (an edit, a regenerate) switched to. Its reply goes on.
    if (
      previous &&
      previous.chat !== chatKey &&
      busy &&
      previous.conversationId === conversationId &&
      ((!previous.thread && thread) || (previous.thread === thread && previous.branch !== branch))
    ) {
      lifecycle.resume({ ...lifecycle.detach(), chat: chatKey })
      if (ran.current === previous.chat) ran.current = chatKey
      if (replies.current.chat === previous.chat) replies.current = { ...replies.current, chat: chatKey }
    }
    // Another thread opened mid-run: until the SDK aborts that run (in its effect, after this
    // render), `isLoading` is the previous thread's, and the new thread's messages are history.
    else if (previous && previous.chat !== chatKey && busy) stale.current = chatKey
    if (stale.current === chatKey && busy) busy = false
    else stale.current = undefined
    seen.current = { chat: chatKey, conversationId, thread, branch }
    if (busy) ran.current = chatKey
    // The SDK keeps a run's error until the next run; one from loading the thread is not a reply's.
    const status: ChatSnapshot['status'] = busy ? 'busy' : error != null && ran.current === chatKey ? 'error' : 'idle'
    if (replies.current.chat !== chatKey) replies.current = { chat: chatKey, memory: new Map() }
    lifecycle.update({
      chat: chatKey,
      conversationId,
      status,
      messages: toReplyMessages(messages, {
        running: busy,
        interrupted: interrupted === true,
        memory: replies.current.memory,
        onUnreadable: (entry, problem) => report('useStreamTracking() skipped a message it cannot read (not an object with a string type and id, or a getter that throws):', problem ?? entry),
      }),
    })
  }
  // What this render shows, for a view that Suspense hid: it still renders, but runs no effects.
  const rendered = useRef<() => unknown>(feed)
  rendered.current = () => Array.isArray(messages) && chatKey === lastChat.current && feed()
  useIsomorphicLayoutEffect(feed, [lifecycle, conversationId, chatKey, messages, isLoading, error, interrupted])

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      // StrictMode unmounts and remounts at once: only a real unmount sends what was held back, as
      // the view last rendered it (when it still shows the chat it last tracked).
      queueMicrotask(() => mounted.current || lifecycle.close(() => rendered.current()))
    }
  }, [lifecycle])
}
