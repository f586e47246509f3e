// Types only: `@langchain/langgraph-sdk` is an optional peer and never loaded by this module at runtime.
import type { Message, ToolMessage } from '@langchain/langgraph-sdk'
import { supersedes, type ReplyMessage, type ReplyPart, type ToolState } from '../core/replyLifecycle'
import type { ReplyMetadata } from '../core/types'

/** A tool call of an AI message, with the ToolMessage that answered it once there is one. */
export interface LangGraphToolCall {
  name: string
  id?: string
  args?: unknown
  result?: ToolMessage
}

/** How the translation sees the run: `running` while `isLoading`; `interrupted` when the thread waits on an interrupt. */
export interface TranslationContext {
  running: boolean
  interrupted: boolean
  /** An entry that is not a message, or that cannot be read (a getter that throws): skipped, and reported by the caller. */
  onUnreadable(entry: unknown, error?: unknown): void
  /**
   * The last copy of each reply, by its first AI message id: kept by the caller between snapshots
   * of one chat, and replaced here. A run stopped mid-message ends with a reload of the thread that
   * drops the partial message: the reply shrinks back to an earlier id, and is shown as it was instead.
   */
  memory?: Map<string, RememberedReply>
}

/** A reply as it was last shown; `standsFor`: the id of the shrunk copy (the server's, after a stop) it is shown for. */
export interface RememberedReply {
  shown: ReplyMessage
  standsFor?: string
}

type Dict = Record<string, unknown>

const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value)
const isString = (value: unknown): value is string => typeof value === 'string'
const finite = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : undefined)

const USER = ['human', 'user']
// `AIMessageChunk`: a graph that keeps the streamed chunk in its state is serialised under that type.
const ASSISTANT = ['ai', 'assistant', 'AIMessageChunk']

/** The text and reasoning of a message's content: a string, or content blocks (LangChain's and providers'). */
function readContent(content: unknown): { text: string; reasoning: string; files: ReplyPart[] } {
  if (isString(content)) return { text: content, reasoning: '', files: [] }
  const text: string[] = []
  const reasoning: string[] = []
  const files: ReplyPart[] = []
  if (Array.isArray(content)) {
    for (const block of content) {
      if (isString(block)) text.push(block)
      if (!isDict(block)) continue
      const { type } = block
      if (type === 'text' && isString(block.text)) text.push(block.text)
      else if (type === 'reasoning' && isString(block.reasoning)) reasoning.push(block.reasoning)
      else if (type === 'thinking' && isString(block.thinking)) reasoning.push(block.thinking)
      else if (type === 'image_url') {
        const image = block.image_url
        files.push({ type: 'file', mediaType: 'image', url: isString(image) ? image : isDict(image) && isString(image.url) ? image.url : undefined })
      } else if (type === 'image' || type === 'audio' || type === 'video' || type === 'file') {
        const mime = block.mime_type ?? block.mimeType
        files.push({ type: 'file', mediaType: isString(mime) ? mime : type === 'file' ? undefined : type, url: isString(block.url) ? block.url : undefined })
      }
    }
  }
  return { text: text.join(''), reasoning: reasoning.join(''), files }
}

/**
 * Still arriving token by token: the SDK builds a message from its `messages-tuple` chunks (a dict
 * with `tool_call_chunks`) until the graph commits it in a `values` event, which replaces it with
 * the server's copy. A run that ends (stop) while one is still a chunk ended mid-message, unless
 * the provider already said why it finished.
 */
function isStreaming(message: Dict): boolean {
  if (message.type !== 'ai' || !Array.isArray(message.tool_call_chunks)) return false
  const meta = message.response_metadata
  return !(isDict(meta) && (isString(meta.finish_reason) || isString(meta.stop_reason)))
}

/** The reply's generation metadata: tokens summed over its AI messages, the model and finish reason of the last. */
function addMetadata(metadata: ReplyMetadata, message: Dict): void {
  const usage = message.usage_metadata
  if (isDict(usage)) {
    for (const key of ['input_tokens', 'output_tokens', 'total_tokens'] as const) {
      const count = finite(usage[key])
      if (count !== undefined) metadata[key] = (metadata[key] ?? 0) + count
    }
  }
  const response = message.response_metadata
  if (!isDict(response)) return
  const model = isString(response.model_name) ? response.model_name : response.model
  if (isString(model) && model) metadata.model = model
  if (isString(response.model_provider) && response.model_provider) metadata.provider = response.model_provider
  if (isString(response.finish_reason) && response.finish_reason) metadata.finish_reason = response.finish_reason
}

interface Reply {
  id?: string
  key?: string
  last?: Dict
  parts: ReplyPart[]
  metadata: ReplyMetadata
}

/**
 * LangGraph messages in the lifecycle's adapter-neutral shape. A human message is a user message.
 * One reply is everything the graph answered to it: the AI messages and tool messages up to the
 * next human message (a tool loop is several of each), as one assistant message whose id is the
 * last AI message's, the one that carries the answer. Its body is the AI messages' text; each AI
 * message starts a step; a tool call is `done` or `failed` once its ToolMessage arrived.
 *
 * While the reply grows, its id moves from one AI message to the next: each copy begins with all of
 * the earlier one's parts, in the same order, so the lifecycle takes it for the same reply under a
 * new id (an id replaced mid-reply), reported once.
 *
 * @example
 * toReplyMessages(stream.messages, { running: stream.isLoading, interrupted: false, onUnreadable() {} })
 */
export function toReplyMessages(messages: readonly Message<any>[] | readonly unknown[], context: TranslationContext): ReplyMessage[] {
  const results = new Map<string, ToolMessage>()
  const readable: Dict[] = []
  for (const entry of messages) {
    try {
      if (!isDict(entry) || !isString(entry.type)) {
        context.onUnreadable(entry)
        continue
      }
      readable.push(entry)
      if (entry.type === 'tool' && isString(entry.tool_call_id)) results.set(entry.tool_call_id, entry as unknown as ToolMessage)
    } catch (error) {
      context.onUnreadable(entry, error)
    }
  }

  const out: ReplyMessage[] = []
  const memory = new Map<string, RememberedReply>()
  let reply: Reply | undefined
  const close = () => {
    if (reply?.id) {
      const copy: ReplyMessage = { id: reply.id, role: 'assistant', parts: reply.parts, ...(Object.keys(reply.metadata).length ? { metadata: reply.metadata } : {}) }
      const earlier = context.memory?.get(reply.key!)
      // Shrunk back while idle (the reload after a stop): shown as it was, and from then on while the
      // next run streams too, since the server keeps the shrunk copy for good. A reply that first
      // shrinks while a run is in flight (a regenerate from a checkpoint) is shown as it is.
      const shrunk = earlier && earlier.shown.id !== copy.id && (!context.running || earlier.standsFor === copy.id) && supersedes(earlier.shown, copy)
      const remembered: RememberedReply = shrunk ? { shown: earlier.shown, standsFor: copy.id } : { shown: copy }
      memory.set(reply.key!, remembered)
      out.push(remembered.shown)
    }
    // A reply whose AI messages all lack an id cannot be sent exactly once.
    else if (reply) context.onUnreadable(reply.last)
    reply = undefined
  }
  // A message without an id while a run is in flight is an optimistic copy the server's replaces.
  const skip = (message: Dict) => !isString(message.id) && context.running
  for (const message of readable) {
    try {
      const { type } = message
      if (USER.includes(type as string)) {
        close()
        if (!skip(message)) out.push({ id: message.id as string, role: 'user', parts: [{ type: 'text', text: readContent(message.content).text }] })
        continue
      }
      if (!ASSISTANT.includes(type as string)) continue // tool results are read with their call; system and others are not tracked
      if (skip(message)) continue
      reply ??= { parts: [], metadata: {} }
      const streaming = isStreaming(message)
      const { text, reasoning, files } = readContent(message.content)
      // The same parts, in the same order, for every copy of an AI message: a later copy of the reply must begin with the earlier one.
      reply.parts.push({ type: 'step' }, { type: 'reasoning', text: reasoning, streaming }, { type: 'text', text, streaming })
      for (const call of Array.isArray(message.tool_calls) ? message.tool_calls : []) {
        if (!isDict(call) || !isString(call.name)) continue
        const callId = isString(call.id) ? call.id : undefined
        const result = callId === undefined ? undefined : results.get(callId)
        const state: ToolState = result ? (result.status === 'error' ? 'failed' : 'done') : context.interrupted && !context.running ? 'waiting' : 'running'
        const source: LangGraphToolCall = { name: call.name, id: callId, args: call.args, result }
        reply.parts.push({ type: 'tool', name: call.name, callId, state, source })
      }
      reply.parts.push(...files)
      addMetadata(reply.metadata, message)
      if (isString(message.id) && message.id) {
        reply.id = message.id
        reply.key ??= message.id
      }
      reply.last = message
    } catch (error) {
      context.onUnreadable(message, error)
    }
  }
  close()
  if (context.memory) {
    context.memory.clear()
    for (const [key, copy] of memory) context.memory.set(key, copy)
  }
  return out
}
