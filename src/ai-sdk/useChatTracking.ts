import { useEffect, useRef, useState } from 'react'
// Types only: `ai` is an optional peer and never loaded by this module at runtime.
import type { ChatStatus, DynamicToolUIPart, ToolUIPart, UIMessage } from 'ai'
import { createReplyLifecycle, describeToolWith, type ReplyLifecycle } from '../core/replyLifecycle'
import { createViewHandOver } from '../core/viewHandOver'
import { useCopilotContext } from '../react/context'
import { useIsomorphicLayoutEffect } from '../react/useIsomorphicLayoutEffect'
import { toReplyMessage } from './toReplyMessage'

/** What `useChatTracking` reads from `useChat()`'s result: its `messages`, `status` and `id`. */
export interface TrackableChat {
  messages: readonly UIMessage<any, any, any>[]
  status: ChatStatus
  /** When it changes (another chat was opened), its messages are that chat's history. */
  id?: string
}

// The views of each chat (conversation and chat id): a view that unmounts while another shows the
// same chat (a remount over a shared Chat instance) leaves its reply to that one, and one that
// mounts as another unmounts continues its lifecycle.
const views = createViewHandOver<ReplyLifecycle>()

/** A tool call part, static (`tool-${name}`) or `dynamic-tool`. */
export type ChatToolPart = ToolUIPart | DynamicToolUIPart

export interface ChatTrackingOptions {
  /** Send the history (see below) once, without response-time metrics, instead of only counting it. Default false. */
  trackInitialMessages?: boolean
  /**
   * How long a reply that stopped mid-text or right after a tool call waits for more before it is
   * reported: the SDK may still continue the same message (client-side tools). Default 250 ms.
   */
  settleMs?: number
  /**
   * The Action Invoked `action` for a finished tool call. Default `completed`, or `failed` for
   * `output-error`. One that throws or returns no non-empty string is reported as `invalid_chat`,
   * and the default is sent.
   */
  describeAction?: (part: ChatToolPart) => string
}

/**
 * One-line analytics for a Vercel AI SDK chat: pass what `useChat()` returns. Sends Message Sent for
 * each new user message, Message Received once per assistant reply when it is finished (with
 * `reply_status` `complete`, `aborted` or `error`, and the response-time metrics), Action Invoked
 * once per finished tool call and Media Generated once per generated file. Must be called inside
 * `<CopilotAnalyticsProvider>`.
 *
 * **History.** Messages that appear while no request has been in flight yet in this chat are
 * history: those present when tracking begins (a restored chat) and those loaded with `setMessages`
 * right after mount. They are counted in `message_count` and mark the conversation started, and
 * nothing is sent for them (`trackInitialMessages` sends them). From the first request on
 * (`sendMessage` adds the user message and sets `status` to `submitted` in the same update), every
 * new message is live. If a reply is already streaming when tracking begins, that reply is live.
 *
 * **Stop and regenerate.** After `stop()`, or when the last step ended in tool calls, the reply
 * waits `settleMs` in case the SDK continues it; a reply waiting on a tool output or an approval
 * waits until a later message follows it. If it is removed meanwhile (`regenerate()`, an edit), it
 * is reported then, once, with the text it had (`reply_status: 'aborted'` when unfinished).
 *
 * **Opening another chat** (a new `useChat` `id` or provider `conversationId`): the previous chat's
 * unreported reply, even one still streaming, is reported into its own conversation with the text
 * so far; the new chat's messages are history.
 *
 * **Ending.** `end()` (or `endOnUnmount`) sends a held reply (waiting on a tool, or settling) first,
 * counted, then Conversation Ended. A reply still streaming at `end()` is reported when it
 * finishes. When the chat view unmounts for good (not a StrictMode remount, and no other view
 * shows the same chat), a held reply, and a streaming one with the text so far
 * (`reply_status: 'aborted'`), is reported then, before an `endOnUnmount` Conversation Ended.
 *
 * **Remounts.** A view of the same chat that mounts as this one unmounts (a `key` change, a
 * remounted provider or route over the same `Chat`) continues its reply, held or streaming: that
 * reply is not history to it, and is reported once, when it finishes.
 *
 * @example
 * import { useChat } from '@ai-sdk/react'
 * import { useChatTracking } from 'react-copilot-analytics/ai-sdk'
 *
 * function Chat() {
 *   const chat = useChat()
 *   useChatTracking(chat)
 *   // ...render chat.messages as usual
 * }
 */
export function useChatTracking(chat: TrackableChat, options: ChatTrackingOptions = {}): void {
  const { tracker, conversationId } = useCopilotContext('useChatTracking()')
  const status = chat?.status
  const messages = chat?.messages
  const chatKey = conversationId + '\n' + chat?.id
  const latest = useRef(options)
  latest.current = options
  const warned = useRef(false)
  const mounted = useRef(false)
  const lastChat = useRef(chatKey)
  const [lifecycle] = useState(() =>
    createReplyLifecycle(tracker, () => ({
      settleMs: latest.current.settleMs,
      sendHistory: latest.current.trackInitialMessages,
      gone: !mounted.current && !views.shows(lastChat.current),
      describeTool: (tool, fallback) => describeToolWith(tracker, 'invalid_chat', latest.current.describeAction, tool, fallback),
    })),
  )

  // A layout effect: it runs in the commit that mounts a view, before the microtask that checks,
  // and before the first update below. A view of this chat that unmounted in that commit (or just
  // before) hands over its lifecycle: its held or streaming reply was live in this page, not history.
  useIsomorphicLayoutEffect(() => {
    const previous = views.enter(chatKey, lifecycle, lastChat.current)
    lastChat.current = chatKey
    if (previous) lifecycle.resume(previous.detach())
    else {
      // Another view shows this chat already (a second panel opened mid-reply): go on from where it is.
      const peer = views.peer(chatKey, lifecycle)
      if (peer) lifecycle.resume(peer.peek())
    }
    return () => views.leave(chatKey, lifecycle)
  }, [lifecycle, chatKey])

  const feed = (chat: string, id: string, list: readonly UIMessage[], state: ChatStatus) =>
    lifecycle.update({
      chat,
      conversationId: id,
      status: state === 'submitted' || state === 'streaming' ? 'busy' : state === 'error' ? 'error' : 'idle',
      messages: list.map((message, i) => toReplyMessage(message, i === list.length - 1)),
    })
  // What this render shows, for a view that Suspense hid: it still renders, but runs no effects.
  const rendered = useRef<() => unknown>(() => {})
  rendered.current = () => Array.isArray(messages) && chatKey === lastChat.current && feed(chatKey, conversationId, messages, status)

  useIsomorphicLayoutEffect(() => {
    if (!Array.isArray(messages)) {
      if (!warned.current) tracker.report('invalid_chat', 'The chat passed to useChatTracking(), with no messages array,', chat)
      warned.current = true
      return
    }
    feed(chatKey, conversationId, messages, status)
  }, [lifecycle, conversationId, chatKey, messages, status])

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      // StrictMode unmounts and remounts at once: only a real unmount sends what was held back
      // (and a reply still streaming, unless another view shows this chat), as the view last rendered it.
      queueMicrotask(() => mounted.current || lifecycle.close(() => rendered.current()))
    }
  }, [lifecycle])
}
