import { useEffect, useRef } from 'react'
// Types only: `ai` is an optional peer and never loaded by this module at runtime.
import type { ChatStatus, DynamicToolUIPart, ToolUIPart, UIMessage } from 'ai'
import { trackAction, trackMedia } from '../core/events'
import { useCopilotContext } from '../react/context'
import { useIsomorphicLayoutEffect } from '../react/useIsomorphicLayoutEffect'

/** What `useChatTracking` reads from `useChat()`'s result: its `messages`, `status` and `id`. */
export interface TrackableChat {
  messages: readonly UIMessage<any, any, any>[]
  status: ChatStatus
  /** When it changes (another chat was opened), its messages are that chat's history. */
  id?: string
}

/** A tool call part, static (`tool-${name}`) or `dynamic-tool`. */
export type ChatToolPart = ToolUIPart | DynamicToolUIPart

export interface ChatTrackingOptions {
  /** Also send the messages that were already in the chat when tracking began (restored history). Default false. */
  trackInitialMessages?: boolean
  /**
   * How long a reply that stopped mid-text or right after a tool call waits for more before it is
   * reported: the SDK may still continue the same message (client-side tools). Default 250 ms.
   */
  settleMs?: number
  /** The Action Invoked `action` for a finished tool call. Default `completed`, or `failed` for `output-error`. */
  describeAction?: (part: ChatToolPart) => string
}

/** Loose view of a part: the fields this module reads, whatever the message's generic types. */
interface AnyPart {
  type: string
  text?: string
  state?: string
  toolCallId?: string
  toolName?: string
  mediaType?: string
  preliminary?: boolean
}

const isTool = (part: AnyPart) => part.type.startsWith('tool-') || part.type === 'dynamic-tool'
/** A tool call waits on the app (a client-side tool's output) or on the user (an approval). */
const WAITING = ['input-available', 'approval-requested', 'approval-responded']
const finishedTool = (part: AnyPart) =>
  (part.state === 'output-available' && !part.preliminary) || part.state === 'output-error' || part.state === 'output-denied'
const unfinished = (part: AnyPart) => (isTool(part) ? !finishedTool(part) : part.state === 'streaming')
const hasContent = (part: AnyPart) => (part.type === 'text' || part.type === 'reasoning' ? !!part.text : part.type !== 'step-start')
// Messages saved in an older format (no `parts`) count as empty rather than break the app.
const partsOf = (message: UIMessage<any, any, any>): AnyPart[] => (Array.isArray(message.parts) ? message.parts.filter((part) => typeof part?.type == 'string') : [])
const textOf = (message: UIMessage<any, any, any>) =>
  partsOf(message)
    .flatMap((part) => (part.type === 'text' && part.text ? [part.text] : []))
    .join('\n')

/** The parts after the last `step-start`: the step the reply is in. */
function lastStep(parts: AnyPart[]): AnyPart[] {
  let start = parts.length
  while (start > 0 && parts[start - 1].type !== 'step-start') start--
  return parts.slice(start)
}

/**
 * When the server's id replaces the client's during a reply, the SDK leaves the message under its
 * old id and appends the whole message again under the new one: the later copy begins with all of
 * the earlier one's content (the same parts, texts that go on from where they were). Only the later
 * copy is reported.
 */
function supersedes(next: UIMessage<any, any, any> | undefined, message: UIMessage<any, any, any>): boolean {
  if (next?.role !== 'assistant') return false
  const mine = partsOf(message) as (AnyPart & { url?: string })[]
  const theirs = partsOf(next) as (AnyPart & { url?: string })[]
  return (
    mine.length <= theirs.length &&
    mine.every(
      (part, i) =>
        part.type === theirs[i].type &&
        part.toolCallId === theirs[i].toolCallId &&
        part.url === theirs[i].url &&
        (theirs[i].text ?? '').startsWith(part.text ?? ''),
    )
  )
}

/**
 * One-line analytics for a Vercel AI SDK chat: pass what `useChat()` returns. Sends Message Sent for
 * each new user message, Message Received once per assistant reply when it is finished (with
 * `reply_status` `complete`, `aborted` or `error`, and the response-time metrics), Action Invoked
 * once per finished tool call and Media Generated once per generated file. Messages already in the
 * chat when tracking begins are history and send nothing, unless `trackInitialMessages`. Must be
 * called inside `<CopilotAnalyticsProvider>`.
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
  const chatId = conversationId + '\n' + chat?.id
  const latest = useRef(options)
  latest.current = options
  const initial = useRef<{ chatId: string; ids: Set<string> }>(null)
  // Messages already handled: the exactly-once keys would drop them anyway, this spares the work.
  const done = useRef(new Set<string>())
  // A reply held back (waiting on a tool or the settle delay) is sent if the chat unmounts first.
  const held = useRef<() => void>(undefined)
  const mounted = useRef(false)
  const warned = useRef(false)

  useIsomorphicLayoutEffect(() => {
    if (!Array.isArray(messages)) {
      if (!warned.current) tracker.report('invalid_chat', 'The chat passed to useChatTracking(), with no messages array,', chat)
      warned.current = true
      return
    }
    const busy = status === 'submitted' || status === 'streaming'
    // What is there when tracking begins, or when another chat is opened, is history; a reply
    // already streaming then is live.
    if (initial.current?.chatId !== chatId) {
      // The previous chat's reply that was held back is not lost by the switch.
      if (initial.current) held.current?.()
      initial.current = { chatId, ids: new Set(messages.flatMap((m, i) => (!m || (busy && i === messages.length - 1) ? [] : [m.id]))) }
    }
    const history = initial.current.ids
    const live = (message: UIMessage<any, any, any>) => !history.has(message.id)

    const report = (message: UIMessage<any, any, any>, failed?: boolean) => {
      done.current.add(message.id)
      const parts = partsOf(message)
      // A live reply was awaited even if it is first seen finished: let the tracker time it.
      if (live(message)) tracker.message({ conversationId, id: message.id, role: 'assistant', status: 'streaming' })
      tracker.message({
        conversationId,
        id: message.id,
        role: 'assistant',
        body: textOf(message),
        properties: { reply_status: failed ? 'error' : parts.some(unfinished) ? 'aborted' : 'complete' },
      })
      // Sent after the reply's Message Received, which gives them its final id.
      let files = 0
      for (const part of parts) {
        if (isTool(part) && (part.state === 'output-available' ? !part.preliminary : part.state === 'output-error')) {
          const type = part.type === 'dynamic-tool' ? part.toolName! : part.type.slice(5)
          let action = part.state === 'output-error' ? 'failed' : 'completed'
          try {
            action = latest.current.describeAction?.(part as ChatToolPart) ?? action
          } catch (error) {
            tracker.report('invalid_chat', `describeAction(), on tool "${type}", threw: it`, error)
          }
          trackAction(tracker, {
            conversationId,
            type,
            action,
            messageId: message.id,
            role: 'assistant',
            id: part.toolCallId,
            properties: { tool_call_id: part.toolCallId },
          })
        }
        if (part.type === 'file') {
          const [type, subType] = (part.mediaType ?? '').split(';')[0].trim().split('/')
          trackMedia(tracker, { conversationId, type, subType: subType || undefined, messageId: message.id, id: message.id + ':file:' + files++ })
        }
      }
    }

    let timer: ReturnType<typeof setTimeout> | undefined
    held.current = undefined
    messages.forEach((message, i) => {
      if (!message || done.current.has(message.id) || (!live(message) && !latest.current.trackInitialMessages)) return
      if (message.role === 'user') {
        done.current.add(message.id)
        tracker.message({ conversationId, id: message.id, role: 'user', body: textOf(message) })
        return
      }
      if (message.role !== 'assistant' || supersedes(messages[i + 1], message)) return
      const parts = partsOf(message)
      if (i < messages.length - 1) return report(message)
      if (busy) {
        // Only whether there is content matters while a reply streams: the tracker notes when it first appears.
        tracker.message({ conversationId, id: message.id, role: 'assistant', status: 'streaming', body: parts.some(hasContent) ? textOf(message) || '…' : '' })
        return
      }
      if (status === 'error') return report(message, true)
      const step = lastStep(parts)
      const last = step.filter(hasContent).pop()
      // A step that waits on a tool, or that ended in tool calls, may be continued in this very message.
      if (step.some((part) => isTool(part) && WAITING.includes(part.state!))) held.current = () => report(message)
      else if (parts.some(unfinished) || (last && isTool(last))) {
        held.current = () => report(message)
        timer = setTimeout(() => report(message), latest.current.settleMs ?? 250)
      } else report(message)
    })
    return () => clearTimeout(timer)
  }, [tracker, conversationId, chatId, messages, status])

  useEffect(() => {
    mounted.current = true
    return () => {
      mounted.current = false
      const flush = held.current
      // StrictMode unmounts and remounts at once: only a real unmount sends what was held back.
      queueMicrotask(() => mounted.current || flush?.())
    }
  }, [])
}
