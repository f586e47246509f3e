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

/** The parts of one assistant message: its text, then its tool calls. */
function partsOf(message: Extract<Message, { role: 'assistant' }>, runs: AgentRuns, results: Map<unknown, ToolMessage>): ReplyPart[] {
  const { id } = message
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
  return parts
}

/**
 * The agent's messages in the lifecycle's adapter-neutral shape. AG-UI writes one turn of the agent
 * as several messages (an assistant message that calls tools, the tool messages that answer, the
 * assistant message that goes on): the assistant messages of a turn are one reply, as one AI SDK
 * message with steps is, under the id of its latest assistant message (the copy under an earlier id
 * is superseded), its parts each message's text (unfinished while its TEXT_MESSAGE_END has not come,
 * or when a stop cut it short) and tool calls (done, or failed, once a tool message answers them;
 * running while their arguments stream; waiting on the app otherwise). A user message ends the
 * turn, and so does a reply that was at rest (`runs.sealed`): a later run that is not the
 * continuation of a tool call answers anew. Undefined for what is not a message.
 */
export function toReplyMessages(messages: readonly Message[], runs: AgentRuns): (ReplyMessage | undefined)[] {
  const results = new Map<unknown, ToolMessage>()
  for (const message of messages) {
    if (message?.role === 'tool' && typeof message.toolCallId === 'string') results.set(message.toolCallId, message)
  }
  const replies: (ReplyMessage | undefined)[] = []
  let turn: ReplyMessage | undefined
  let at = -1
  for (const message of messages) {
    if (!message || typeof message !== 'object' || typeof message.id !== 'string' || !message.id) {
      replies.push(undefined)
      continue
    }
    const { id, role } = message
    if (role === 'assistant') {
      const parts = partsOf(message, runs, results)
      const metadata = runs.metadata.get(id)
      if (turn && !runs.sealed.has(turn.id)) {
        turn = { id, role, parts: [...turn.parts, { type: 'step' }, ...parts], metadata: metadata ?? turn.metadata }
        replies[at] = turn
      } else {
        at = replies.push((turn = { id, role, parts, metadata })) - 1
      }
      if (!turn.metadata) delete turn.metadata
    } else if (role === 'user') {
      turn = undefined
      replies.push({ id, role, parts: [{ type: 'text', text: textOf(message.content) }] })
    } else if (!turn) {
      // Tool, reasoning, activity or system messages outside a turn keep their place; the lifecycle does not track them.
      replies.push({ id, role: String(role), parts: [] })
    }
  }
  return replies
}
