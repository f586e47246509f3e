// Types only: `ai` is an optional peer and never loaded by this module at runtime.
import type { UIMessage } from 'ai'
import type { ReplyMessage, ReplyPart, ToolState } from '../core/replyLifecycle'
import type { ReplyMetadata } from '../core/types'

/** Loose view of a part: the fields read here, whatever the message's generic types. */
interface AnyPart {
  type: string
  text?: string
  state?: string
  toolCallId?: string
  toolName?: string
  mediaType?: string
  url?: string
  preliminary?: boolean
}

/** A tool call waits on the app (a client-side tool's output) or on the user (an approval). */
const WAITING = ['input-available', 'approval-requested', 'approval-responded']

function toolState({ state, preliminary }: AnyPart): ToolState {
  if (state === 'output-available') return preliminary ? 'running' : 'done'
  if (state === 'output-error') return 'failed'
  if (state === 'output-denied') return 'denied'
  return WAITING.includes(state!) ? 'waiting' : 'running'
}

function toPart(part: AnyPart): ReplyPart {
  const { type } = part
  const streaming = part.state === 'streaming'
  if (type === 'text' || type === 'reasoning') return { type, text: typeof part.text === 'string' ? part.text : '', streaming }
  if (type === 'step-start') return { type: 'step' }
  if (type === 'file') return { type: 'file', mediaType: part.mediaType, url: part.url }
  if (type.startsWith('tool-') || type === 'dynamic-tool') {
    return { type: 'tool', name: type === 'dynamic-tool' ? part.toolName! : type.slice(5), callId: part.toolCallId, state: toolState(part), source: part }
  }
  return { type: 'other', kind: type, streaming }
}

/** The fields of {@link ReplyMetadata}: only these are read from a message's `metadata`. */
const METADATA_FIELDS = ['model', 'provider', 'input_tokens', 'output_tokens', 'total_tokens', 'finish_reason', 'trace_id'] as const

/**
 * The reply metadata the server attached with `messageMetadata` (see docs/llm-signals.md): only the
 * known fields, as they are (the tracker checks their values); undefined when there are none.
 */
function metadataOf(metadata: unknown): ReplyMetadata | undefined {
  try {
    if (!metadata || typeof metadata !== 'object') return undefined
    const known: Record<string, unknown> = {}
    for (const field of METADATA_FIELDS) if ((metadata as Record<string, unknown>)[field] !== undefined) known[field] = (metadata as Record<string, unknown>)[field]
    return Object.keys(known).length ? (known as ReplyMetadata) : undefined
  } catch {
    return undefined // a metadata object whose getters throw is the app's: it costs the metadata, not the reply
  }
}

// The SDK replaces a message object whenever it changes (a copy per update), so each is translated
// once. Not the last one: the SDK may append its own working copy there, and change it in place.
const translated = new WeakMap<object, ReplyMessage>()

/**
 * A `UIMessage` in the lifecycle's adapter-neutral shape; undefined for what is not a message.
 * Messages saved in an older format (no `parts`) count as empty rather than break the app.
 */
export function toReplyMessage(message: UIMessage<any, any, any> | null | undefined, last?: boolean): ReplyMessage | undefined {
  if (!message || typeof message !== 'object') return undefined
  let result = last ? undefined : translated.get(message)
  if (!result) {
    const parts = Array.isArray(message.parts) ? (message.parts as AnyPart[]).filter((part) => typeof part?.type === 'string') : []
    result = { id: message.id, role: message.role, parts: parts.map(toPart), metadata: metadataOf(message.metadata) }
    // AI SDK 5's regenerate() continues the message before the one it replaces: when that is a stale
    // copy (text streamed before the `start` chunk), its text part still says `streaming` in a reply
    // that finished. Text parts stream one after another, so one that a finished text part follows is over.
    let finishedLater = false
    for (let i = result.parts.length - 1; i >= 0; i--) {
      const part = result.parts[i]
      if (part.type !== 'text') continue
      if (finishedLater) part.streaming = false
      else finishedLater = !part.streaming
    }
    if (!last) translated.set(message, result)
  }
  return result
}
