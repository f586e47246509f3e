// app/api/chat/route.ts: the AI SDK route handler that streams the reply and reports it from the
// server, where the model, the tokens and the finish reason are known and no ad blocker drops it.
import { convertToModelMessages, createIdGenerator, streamText, type UIMessage } from 'ai'
import { createCopilotTracker, createKeyStore } from '../../src/entries/core'
import { deterministicMessageIds } from '../../src/entries/dedupe'
import { analyticsNodeClient } from '../../src/entries/server'
import { currentUserId, model, segment } from './lib'

// The same namespace as the browser's provider: the browser's and the server's Message Received of
// one reply get the same Segment messageId, and Segment keeps one of them.
const messageIds = deterministicMessageIds({ namespace: 'acme-support-copilot' })
// One exactly-once memory for the process (bounded: 2,000 keys), shared by every request: a reply
// is reported once however often its onFinish runs. It holds ids, nothing about the user.
const keyStore = createKeyStore()

export async function POST(request: Request) {
  const { id, messages }: { id: string; messages: UIMessage[] } = await request.json()
  // This request's user, on every call (analytics-node keeps no user state).
  const analytics = analyticsNodeClient(segment, { userId: await currentUserId(request) })
  const tracker = createCopilotTracker({ analytics, keyStore, messageIds, onError: (error) => console.error(error) })

  const result = streamText({ model, messages: await convertToModelMessages(messages) })
  return result.toUIMessageStreamResponse({
    originalMessages: messages,
    // The server names the reply, and the browser adopts the name: both report the same message.
    generateMessageId: createIdGenerator({ prefix: 'msg', size: 16 }),
    async onFinish({ responseMessage, finishReason, isAborted }) {
      const usage = isAborted ? undefined : await result.totalUsage
      const response = isAborted ? undefined : await result.response
      tracker.message({
        conversationId: id, // useChat({ id }) sends the chat's id: the browser's conversationId
        id: responseMessage.id,
        role: 'assistant',
        body: responseMessage.parts.map((part) => (part.type === 'text' ? part.text : '')).join(''),
        properties: {
          model: response?.modelId,
          input_tokens: usage?.inputTokens,
          output_tokens: usage?.outputTokens,
          total_tokens: usage?.totalTokens,
          finish_reason: finishReason,
          reply_status: isAborted ? 'aborted' : 'complete',
        },
      })
    },
  })
}
