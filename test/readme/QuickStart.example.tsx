import { AnalyticsBrowser } from '@segment/analytics-next'
import { CopilotAnalyticsProvider, TrackedMessage, useConversation, useFeedback } from '../../src/entries'

// Once, at module level: the client buffers calls until it has loaded.
const analytics = AnalyticsBrowser.load({ writeKey: 'YOUR_WRITE_KEY' })

/** A message of your chat state (useChat, your store, your server's stream...). */
export interface ChatMessage {
  id: string
  role: 'user' | 'assistant'
  text: string
  /** false while the reply is still streaming in */
  done: boolean
}

export function CopilotChat({ chatId, userId, messages }: { chatId: string; userId: string; messages: ChatMessage[] }) {
  return (
    // conversationId: your chat's id, so that a remount or a reload continues the same conversation
    <CopilotAnalyticsProvider analytics={analytics} conversationId={chatId} userId={userId} properties={{ assistantId: 'support-bot' }}>
      {messages.map((m) => (
        <div key={m.id} className={`bubble ${m.role}`}>
          <TrackedMessage id={m.id} role={m.role} body={m.text} status={m.done ? 'complete' : 'streaming'} />
          {m.role === 'assistant' && m.done && <Thumbs messageId={m.id} />}
        </div>
      ))}
      <EndChat />
    </CopilotAnalyticsProvider>
  )
}

function Thumbs({ messageId }: { messageId: string }) {
  const { submit, rating } = useFeedback(messageId, { scale: 1 })
  return (
    <span>
      <button aria-pressed={rating === 1} onClick={() => submit(1)}>👍</button>
      <button aria-pressed={rating === 0} onClick={() => submit(0)}>👎</button>
    </span>
  )
}

function EndChat() {
  const { end, isEnded, messageCount } = useConversation()
  return (
    <button disabled={isEnded} onClick={end}>
      End chat ({messageCount} messages)
    </button>
  )
}
