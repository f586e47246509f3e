// Types only: `@assistant-ui/react` is an optional peer; this module loads nothing from it.
import type { ThreadMessage } from '@assistant-ui/react'
import type { ReplyMessage, ReplyPart, ToolState } from '../core/replyLifecycle'
import type { ReplyMetadata } from '../core/types'

/** Loose view of a content part: the fields read here, whatever the runtime put in them. */
interface AnyPart {
  type: string
  text?: unknown
  toolName?: unknown
  toolCallId?: unknown
  result?: unknown
  isError?: unknown
  isPreliminary?: unknown
  interrupt?: unknown
  approval?: { approved?: unknown; resolution?: unknown }
  image?: unknown
  data?: unknown
  mimeType?: unknown
}

/** Loose view of a message: `status` and `metadata` are typed for assistant messages only. */
interface AnyMessage {
  id: unknown
  role: unknown
  content?: unknown
  status?: { type?: unknown; reason?: unknown }
  metadata?: { steps?: unknown; custom?: unknown }
}

function toolState(part: AnyPart, waiting: boolean): ToolState {
  if (part.result !== undefined && !part.isPreliminary) return part.isError ? 'failed' : 'done'
  const approval = part.approval
  if (approval && (approval.approved === false || approval.resolution)) return 'denied'
  // A tool the app or the user must answer: an approval, a human-input interrupt, or a run paused on it.
  if (waiting || part.interrupt || (approval && approval.approved === undefined)) return 'waiting'
  return 'running'
}

/** `data:image/png;base64,...` gives `image/png`; an image by URL is only known to be an image. */
const imageType = (image: unknown) => (typeof image === 'string' && /^data:(image\/[^;,]+)/i.exec(image)?.[1]) || 'image'

function toPart(part: AnyPart, waiting: boolean): ReplyPart {
  const { type } = part
  if (type === 'text' || type === 'reasoning') return { type, text: typeof part.text === 'string' ? part.text : '' }
  if (type === 'tool-call') {
    return { type: 'tool', name: String(part.toolName ?? ''), callId: typeof part.toolCallId === 'string' ? part.toolCallId : undefined, state: toolState(part, waiting), source: part }
  }
  if (type === 'image') return { type: 'file', mediaType: imageType(part.image), url: typeof part.image === 'string' ? part.image : undefined }
  if (type === 'file') return { type: 'file', mediaType: typeof part.mimeType === 'string' ? part.mimeType : undefined, url: typeof part.data === 'string' ? part.data : undefined }
  // source, data, generative-ui, audio: compared by kind only.
  return { type: 'other', kind: type }
}

// An unfinished reply (running, or stopped) ends in this part: empty text that still streams. It
// makes the lifecycle report the reply as aborted if it ends so, and it is no content (no first token).
const UNFINISHED: ReplyPart = { type: 'text', text: '', streaming: true }

const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined)
const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined)

/**
 * What the message says about its generation, in {@link ReplyMetadata}'s names: tokens summed over
 * `metadata.steps[].usage`, the finish reason from the last finished step or the message status,
 * and from `metadata.custom` the fields named as in ReplyMetadata (`model`, `provider`, `trace_id`,
 * and tokens or `finish_reason` the app measured itself, which win). Undefined when nothing is known.
 */
function metadataOf(message: AnyMessage): ReplyMetadata | undefined {
  const result: ReplyMetadata = {}
  const steps = Array.isArray(message.metadata?.steps) ? (message.metadata.steps as { usage?: { inputTokens?: unknown; outputTokens?: unknown }; finishReason?: unknown }[]) : []
  let input: number | undefined
  let output: number | undefined
  for (const step of steps) {
    const usage = step?.usage
    if (count(usage?.inputTokens) !== undefined) input = (input ?? 0) + (usage!.inputTokens as number)
    if (count(usage?.outputTokens) !== undefined) output = (output ?? 0) + (usage!.outputTokens as number)
    const reason = text(step?.finishReason)
    if (reason && reason !== 'unknown') result.finish_reason = reason
  }
  if (input !== undefined) result.input_tokens = input
  if (output !== undefined) result.output_tokens = output
  if (input !== undefined && output !== undefined) result.total_tokens = input + output
  const { type, reason } = message.status ?? {}
  // `unknown` and `cancelled` say nothing about how the model ended (a stop is reply_status `aborted`).
  if (!result.finish_reason && (type === 'complete' || type === 'incomplete') && typeof reason === 'string' && reason !== 'unknown' && reason !== 'cancelled') result.finish_reason = reason
  const custom = message.metadata?.custom as Record<string, unknown> | undefined
  if (custom && typeof custom === 'object') {
    for (const key of ['model', 'provider', 'finish_reason', 'trace_id'] as const) if (text(custom[key])) result[key] = custom[key] as string
    for (const key of ['input_tokens', 'output_tokens', 'total_tokens'] as const) if (count(custom[key]) !== undefined) result[key] = custom[key] as number
  }
  return Object.keys(result).length ? result : undefined
}

// Messages are immutable: a changed message is a new object, so each is translated once.
const translated = new WeakMap<object, ReplyMessage>()

/**
 * An assistant-ui `ThreadMessage` in the lifecycle's adapter-neutral shape; undefined for what is not
 * a message. A running, stopped or failed (`incomplete`, `cancelled` or `error`) reply ends in an
 * unfinished part, so the lifecycle reports it as `aborted` if it ends that way (an `error` status
 * of the chat reports it as `error`); a reply paused on a tool
 * (`requires-action`) has its unanswered tool calls waiting. May throw on a message whose fields
 * throw when read (a hostile Proxy): the caller reports it.
 *
 * @example
 * toReplyMessage({ id: 'a1', role: 'assistant', content: [{ type: 'text', text: 'Hi' }], status: { type: 'complete', reason: 'stop' }, ... })
 * // { id: 'a1', role: 'assistant', parts: [{ type: 'text', text: 'Hi' }], metadata: { finish_reason: 'stop' } }
 */
export function toReplyMessage(message: ThreadMessage | null | undefined): ReplyMessage | undefined {
  if (!message || typeof message !== 'object') return undefined
  let result = translated.get(message)
  if (result) return result
  const { id, role, content, status, metadata } = message as AnyMessage
  const statusType = status?.type
  const waiting = statusType === 'requires-action'
  const parts = (Array.isArray(content) ? (content as AnyPart[]) : []).filter((part) => typeof part?.type === 'string').map((part) => toPart(part, waiting))
  if (role === 'assistant' && (statusType === 'running' || (statusType === 'incomplete' && (status!.reason === 'cancelled' || status!.reason === 'error')))) parts.push(UNFINISHED)
  result = { id: id as string, role: role as string, parts }
  if (role === 'assistant') {
    const known = metadataOf({ id, role, status, metadata })
    if (known) result.metadata = known
  }
  translated.set(message, result)
  return result
}

/** Whether the message is an assistant reply that ended in an error (`incomplete`, reason `error`). */
export const endedInError = (message: ThreadMessage | null | undefined): boolean =>
  message?.role === 'assistant' && message.status?.type === 'incomplete' && message.status.reason === 'error'
