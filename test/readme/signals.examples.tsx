// The code blocks of docs/llm-signals.md, word for word, so that `npm run typecheck` checks them and
// test/readme/signals.test.tsx runs them. Each follows a `// example: name` line naming the
// `<!-- example: name -->` marker above its block (test/readme/docExamples.test.ts keeps the two in step).
import { useChat } from '@ai-sdk/react'
import { convertToModelMessages, streamText, type UIMessage } from 'ai'
import { CopilotAnalyticsProvider, TrackedMessage, segmentCopilot, useFeedback, useMessageActions, withCost, type ReplyMetadata } from '../../src/entries'
import { useChatTracking } from '../../src/entries/ai-sdk'
import { analytics } from './analytics'
import { MODEL_ID, model } from './model'
import { Chat } from './Chat'

/** A reply as a hand-built chat keeps it (what the app's own server returned). */
export interface HandReply {
  id: string
  text: string
  done: boolean
  model?: string
  usage?: { input: number; output: number }
  traceId?: string
}

export function HandRenderedReply({ reply }: { reply: HandReply }) {
  return (
// example: metadataProp
<TrackedMessage
  id={reply.id}
  role="assistant"
  body={reply.text}
  status={reply.done ? 'complete' : 'streaming'}
  metadata={{ model: reply.model, input_tokens: reply.usage?.input, output_tokens: reply.usage?.output, trace_id: reply.traceId }}
/>
  )
}

/** Stands for the id of the server-side trace of this request (Langfuse, PostHog, OpenTelemetry). */
export const traceIdOf = (request: Request) => request.headers.get('x-trace-id') ?? undefined

// example: messageMetadataRoute
// app/api/chat/route.ts: the reply's metadata travels with it as message.metadata
export async function POST(request: Request) {
  const { messages }: { messages: UIMessage[] } = await request.json()
  const result = streamText({ model, messages: await convertToModelMessages(messages) })
  return result.toUIMessageStreamResponse({
    // Called on `start` and on `finish`: useChat merges the two into the reply's message.metadata.
    messageMetadata: ({ part }): ReplyMetadata | undefined => {
      if (part.type === 'start') return { model: MODEL_ID, provider: 'openai', trace_id: traceIdOf(request) }
      if (part.type === 'finish') {
        const { inputTokens, outputTokens, totalTokens } = part.totalUsage
        return { input_tokens: inputTokens, output_tokens: outputTokens, total_tokens: totalTokens, finish_reason: part.finishReason }
      }
    },
  })
}

export function AiSdkChat() {
// example: aiSdkMetadataClient
const chat = useChat<UIMessage<ReplyMetadata>>()
useChatTracking(chat) // Message Received carries model, tokens, finish_reason and trace_id
  return <button onClick={() => void chat.sendMessage({ text: 'How many are left?' })}>ask</button>
}

// example: withCost
// USD per million tokens, input and output, from your provider's price list
const spec = withCost(segmentCopilot, { 'gpt-5.1': { input: 1.25, output: 10 } })

export const CostedChat = () => (
  <CopilotAnalyticsProvider analytics={analytics} spec={spec}>
    <Chat />
  </CopilotAnalyticsProvider>
)
// Message Received { ..., model: 'gpt-5.1', input_tokens: 1200, output_tokens: 300, cost_usd: 0.0045 }

// example: feedbackReasons
type Reason = 'inaccurate' | 'unhelpful' | 'unsafe' | 'other'

export function Thumbs({ messageId }: { messageId: string }) {
  const { submit, rating } = useFeedback<Reason>(messageId, { scale: 1 })
  return (
    <>
      <button aria-pressed={rating === 1} onClick={() => submit(1)}>👍</button>
      <button aria-pressed={rating === 0} onClick={() => submit(0, { reason: 'inaccurate', comment: 'The date is wrong' })}>👎</button>
    </>
  )
}

// example: messageActions
export function ReplyActions({ reply, onRegenerate }: { reply: { id: string; text: string }; onRegenerate: () => void }) {
  const actions = useMessageActions(reply.id)
  return (
    <>
      <button onClick={() => { void navigator.clipboard.writeText(reply.text); actions.copy() }}>Copy</button>
      <button onClick={() => { actions.regenerate(); onRegenerate() }}>Regenerate</button>
    </>
  )
}
