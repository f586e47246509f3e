// Types only: `@ag-ui/client` is an optional peer and never loaded by this module at runtime.
import type { Message, ToolCall, ToolMessage } from '@ag-ui/client'
import type { ReplyMessage, ReplyPart } from '../core/replyLifecycle'
import type { AgentRuns } from './agentRuns'

/** What `describeAction` receives for a finished tool call: the call, and the tool message that answered it. */
export interface AgentToolCall {
  toolCall: ToolCall
  /** The tool's answer (its `content`, and its `error` when it failed). */
  result: ToolMessage
}

/** The text of string-or-parts content: its text parts, in order (media are not text). */
function textOf(content: unknown): string {
  if (typeof content === 'string') return content
  if (!Array.isArray(content)) return ''
  return content.flatMap((part) => (part?.type === 'text' && typeof part.text === 'string' ? [part.text] : [])).join('')
}

/**
 * The agent's messages in the lifecycle's adapter-neutral shape. An assistant message is a reply:
 * its text (unfinished while its TEXT_MESSAGE_END has not come, or when a stop cut it short), then
 * its tool calls, each done (or failed) once a tool message answers it, running while its
 * arguments stream, and waiting on the app otherwise. Tool, activity, reasoning and system messages
 * keep their place and role, which the lifecycle does not track. Undefined for what is not a message.
 */
export function toReplyMessages(messages: readonly Message[], runs: AgentRuns): (ReplyMessage | undefined)[] {
  const results = new Map<string, ToolMessage>()
  for (const message of messages) {
    if (message?.role === 'tool' && typeof message.toolCallId === 'string') results.set(message.toolCallId, message)
  }
  return messages.map((message) => {
    if (!message || typeof message !== 'object' || typeof message.id !== 'string' || !message.id) return undefined
    const { id, role } = message
    if (role === 'user') return { id, role, parts: [{ type: 'text', text: textOf(message.content) }] }
    if (role !== 'assistant') return { id, role: String(role), parts: [] }
    const parts: ReplyPart[] = []
    const text = textOf(message.content)
    const cut = runs.cut.has(id)
    // A reply a stop cut short is unfinished even when its text had ended (a stop during a tool call).
    if (text || cut || runs.openText.has(id)) parts.push({ type: 'text', text, streaming: cut || runs.openText.has(id) })
    for (const toolCall of Array.isArray(message.toolCalls) ? message.toolCalls : []) {
      if (!toolCall || typeof toolCall !== 'object') continue
      const result = results.get(toolCall.id)
      const name = typeof toolCall.function?.name === 'string' && toolCall.function.name ? toolCall.function.name : 'unknown tool'
      parts.push({
        type: 'tool',
        name,
        callId: typeof toolCall.id === 'string' ? toolCall.id : undefined,
        state: result ? (result.error ? 'failed' : 'done') : runs.openTools.has(toolCall.id) ? 'running' : 'waiting',
        source: { toolCall, result } satisfies Partial<AgentToolCall>,
      })
    }
    const metadata = runs.metadata.get(id)
    return metadata ? { id, role, parts, metadata } : { id, role, parts }
  })
}
